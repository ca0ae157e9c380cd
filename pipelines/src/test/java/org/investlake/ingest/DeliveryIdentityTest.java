package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What counts as the same delivery: the same bytes or the same cells are skipped unless forced, and
 * a load that rolled back leaves the job able to load the next file.
 */
class DeliveryIdentityTest extends StatsTestSupport {
    @TempDir
    Path dir;

    @Test
    void forceLoadsTheSameBytesAgainAsTheLatestDelivery() {
        Warehouse w = warehouse(dir);
        Path feb = StatsFixture.february(dir.resolve("in"));
        FileLoadResult first = LoadJob.on(w).execute(feb);
        FileLoadResult forced = LoadJob.on(w).force(true).execute(feb);
        assertThat(forced.status()).as("forced: %s", forced.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(forced.loadId()).as("a new load").isNotEqualTo(first.loadId());
        assertThat(silverOf(forced.loadId()).count())
                .as("the 4 rows of 1-2月 now come from the forced load")
                .isEqualTo(4L);
        assertThat(spark().table("silver.stats").count()).isEqualTo(4L);
        assertThat(spark().sql("SELECT count(*) FROM ops.load_log WHERE status = 'loaded'")
                        .first()
                        .getLong(0))
                .isEqualTo(2L);
    }

    @Test
    void aWorkbookSavedAgainWithTheSameCellsIsTheSameDelivery() throws Exception {
        Warehouse w = warehouse(dir);
        Path first = TestFiles.xlsx(
                dir.resolve("in"),
                "2023年1-3月各县市区固定资产投资.xlsx",
                List.of(
                        List.of("2023年1-3月各县市区固定资产投资完成情况"),
                        List.of("地区", "累计完成", "上年同期累计", "同比增长(%)"),
                        List.of("桃城区", 16500, 15000, 10.0),
                        List.of("武强县", 6300, 6000, 5.0)));
        // opened and saved again by someone else: the workbook's metadata (and so its bytes) change, no cell does
        Path saved = Files.createDirectories(dir.resolve("again")).resolve("县市区固投(重新保存).xlsx");
        try (InputStream in = Files.newInputStream(first);
                XSSFWorkbook wb = new XSSFWorkbook(in);
                OutputStream out = Files.newOutputStream(saved)) {
            wb.getProperties().getCoreProperties().setCreator("another clerk");
            wb.getProperties().getCoreProperties().setRevision("2");
            wb.write(out);
        }
        assertThat(InputFile.read(saved).sha256())
                .as("other bytes")
                .isNotEqualTo(InputFile.read(first).sha256());

        FileLoadResult loaded = LoadJob.on(w).execute(first);
        assertThat(loaded.status()).as("%s", loaded.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        long logRows = spark().table("ops.load_log").count();
        FileLoadResult again = LoadJob.on(w).execute(saved);
        assertThat(again.status()).as("same cells: %s", again.reasons()).isEqualTo(FileLoadResult.Status.SKIPPED);
        assertThat(again.loadId()).as("points at the load of the same content").isEqualTo(loaded.loadId());
        assertThat(again.reasons()).singleElement().asString().contains("单元格内容", "2023年1-3月各县市区固定资产投资.xlsx");
        assertThat(spark().table("ops.load_log").count()).as("nothing logged").isEqualTo(logRows);
        assertThat(spark().sql("SELECT content_sha256 FROM ops.load_log")
                        .first()
                        .getString(0))
                .as("the content fingerprint is kept beside the file's SHA-256")
                .hasSize(64);

        // one changed cell is new content: 武强县 5.0 → 5.5
        Path changed = TestFiles.xlsx(
                dir.resolve("changed"),
                "2023年1-3月各县市区固定资产投资.xlsx",
                List.of(
                        List.of("2023年1-3月各县市区固定资产投资完成情况"),
                        List.of("地区", "累计完成", "上年同期累计", "同比增长(%)"),
                        List.of("桃城区", 16500, 15000, 10.0),
                        List.of("武强县", 6300, 6000, 5.5)));
        assertThat(LoadJob.on(w).execute(changed).status()).isEqualTo(FileLoadResult.Status.LOADED);
    }

    @Test
    void aRolledBackLoadDoesNotStopTheNextFileOfTheSameJobFromCreatingSilver() {
        Warehouse w = warehouse(dir);
        boolean[] crashed = {false};
        // one job for several files, as `load a b c` runs: the first dies after its silver merge
        LoadJob job = LoadJob.on(w).afterEachWrite(step -> {
            if (step.equals("silver") && !crashed[0]) {
                crashed[0] = true;
                throw new IllegalStateException("simulated crash after " + step);
            }
        });
        assertThatThrownBy(() -> job.execute(StatsFixture.february(dir.resolve("in"))))
                .hasMessageContaining("simulated crash");
        assertThat(w.tables())
                .as("the rollback deleted the tables the failed load created")
                .isEmpty();

        FileLoadResult mar = job.execute(StatsFixture.march(dir.resolve("in")));
        assertThat(mar.status()).as("%s", mar.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(w.tables())
                .as("every feed's silver table exists again, so the marts can read them")
                .contains("silver.stats", "silver.projects", "silver.bonds");
        // 1-3月: 桃城区, 冀州区, 武强县 and 全市
        assertThat(silverOf(mar.loadId()).count()).isEqualTo(4L);
    }
}
