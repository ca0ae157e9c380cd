package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.investlake.TestFiles;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.storage.Warehouse;

/**
 * Small hand-made exports for the mart tests: a projects or bonds CSV is the feed's header (schemas/projects.yaml,
 * schemas/bonds.yaml, amounts in 万元) followed by the given lines; the report month comes from the 报送月份 column.
 */
final class MartFixtures {
    private MartFixtures() {}

    static final String PROJECTS_HEADER = "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(万元),"
            + "年度计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份";

    static final String BONDS_HEADER =
            "项目代码,项目名称,县市区,债券批次,发行金额(万元),发行日期,年度计划投资(万元)," + "累计完成投资(万元),已支出债券资金(万元),开工状态,报送月份";

    static Path projects(Path dir, String name, String... rows) {
        return csv(dir, name, PROJECTS_HEADER, rows);
    }

    static Path bonds(Path dir, String name, String... rows) {
        return csv(dir, name, BONDS_HEADER, rows);
    }

    private static Path csv(Path dir, String name, String header, String... rows) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(List.of(rows));
        return TestFiles.utf8(dir, name, lines.toArray(String[]::new));
    }

    /** Loads a fixture file and checks that every row of it reached silver (a fixture typo fails here). */
    static FileLoadResult load(Warehouse w, Path file) {
        FileLoadResult r = LoadJob.on(w).execute(file);
        assertThat(r.status())
                .as("load of %s: %s", file.getFileName(), r.reasons())
                .isIn(FileLoadResult.Status.LOADED, FileLoadResult.Status.SKIPPED);
        assertThat(r.rowsQuarantined())
                .as("rows of %s quarantined: %s", file.getFileName(), r.reasons())
                .isZero();
        return r;
    }

    /**
     * Loads fixture files as one batch ({@link LoadBatch}: one transaction per feed, the same silver as loading
     * them one by one in period order) and checks each as {@link #load} does. For fixtures whose test is not about
     * loading file by file.
     */
    static List<FileLoadResult> loadAll(Warehouse w, Path... files) {
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(w)).execute(List.of(files), step -> {});
        assertThat(results).as("one result per file").hasSize(files.length);
        for (FileLoadResult r : results) {
            assertThat(r.status())
                    .as("load of %s: %s", r.file(), r.reasons())
                    .isIn(FileLoadResult.Status.LOADED, FileLoadResult.Status.SKIPPED);
            assertThat(r.rowsQuarantined())
                    .as("rows of %s quarantined: %s", r.file(), r.reasons())
                    .isZero();
        }
        return results;
    }

    static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
