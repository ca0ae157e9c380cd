package org.investlake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PROVINCE sample with its 170 units but 3,400 projects (20 a unit on average, so the test stays
 * small), June only: what it writes, that the same call writes the same bytes, and that a month
 * comes out the same whether or not the months before it are written.
 */
class ScaledSampleTest {
    static final SampleSize SMALL = new SampleSize(170, 3_400);

    @TempDir
    static Path dir;

    private static SampleSummary june;

    @BeforeAll
    static void writeJune() {
        june = province().writeTo(dir.resolve("june"));
    }

    static SampleGenerator province() {
        return SampleGenerator.forYear(2023)
                .scale(SampleScale.PROVINCE)
                .size(SMALL)
                .months(6, 6);
    }

    @Test
    void writesTheProfileAndEachFeedAsCsvAndParquet() throws IOException {
        Path out = dir.resolve("june");
        assertThat(june.profile()).isEqualTo(out.resolve("profile/city.yaml"));
        assertThat(out.resolve("profile/targets/2023.yaml")).exists();
        // by region and by sector, projects, bonds: four tables, each as .csv and .parquet
        assertThat(june.statsFiles()).isEqualTo(4);
        assertThat(june.projectFiles()).isEqualTo(2);
        assertThat(june.bondFiles()).isEqualTo(2);
        assertThat(june.files())
                .extracting(f -> out.relativize(f).toString())
                .containsExactly(
                        "csv/stats/2023年1-6月各县市区固定资产投资.csv",
                        "parquet/stats/2023年1-6月各县市区固定资产投资.parquet",
                        "csv/stats/2023年1-6月分行业固定资产投资.csv",
                        "parquet/stats/2023年1-6月分行业固定资产投资.parquet",
                        "csv/projects/2023年6月项目调度表.csv",
                        "parquet/projects/2023年6月项目调度表.parquet",
                        "csv/bonds/2023年6月专项债券项目进展.csv",
                        "parquet/bonds/2023年6月专项债券项目进展.parquet");
        // no .crc or other files beside the exports
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile)).hasSize(8 + 2);
        }
    }

    @Test
    void everyProjectOnceWithAUniqueCodeOfItsUnit() throws IOException {
        List<CSVRecord> rows = csv(dir.resolve("june/csv/projects/2023年6月项目调度表.csv"));
        assertThat(rows).hasSize(SMALL.projects());
        assertThat(rows.stream().map(r -> r.get("项目代码")).distinct()).hasSize(SMALL.projects());
        for (CSVRecord r : rows) {
            assertThat(r.get("项目代码")).matches("\\d{4}-99\\d{4}-\\d{2}-0[123]-[1-4]\\d{5}");
            assertThat(r.get("报送月份")).isEqualTo("2023-06");
            assertThat(new BigDecimal(r.get("本年累计完成投资(万元)"))).isLessThanOrEqualTo(new BigDecimal(r.get("总投资(万元)")));
        }
        List<CSVRecord> bonds = csv(dir.resolve("june/csv/bonds/2023年6月专项债券项目进展.csv"));
        // 3,400 / 9 = 377 bonds in the year; June lists those of the batches issued by then (1月, 3月, 5月)
        assertThat(bonds.size()).isBetween(1, 377);
        assertThat(bonds)
                .allSatisfy(r -> assertThat(r.get("项目代码")).matches("\\d{4}-99\\d{4}-\\d{2}-0[123]-[5-9]\\d{5}"));
        assertThat(bonds)
                .allSatisfy(r -> assertThat(new BigDecimal(r.get("已支出债券资金(万元)")))
                        .isLessThanOrEqualTo(new BigDecimal(r.get("发行金额(万元)"))));
    }

    @Test
    void theTotalRowIsTheSumOfThe170Units() throws IOException {
        List<CSVRecord> rows = csv(dir.resolve("june/csv/stats/2023年1-6月各县市区固定资产投资.csv"));
        assertThat(rows).hasSize(171);
        BigDecimal ytd = BigDecimal.ZERO;
        for (CSVRecord r : rows.subList(0, 170)) {
            ytd = ytd.add(new BigDecimal(r.get("本年累计(万元)")));
        }
        CSVRecord total = rows.get(170);
        assertThat(total.get("县市区")).isEqualTo("全省");
        assertThat(total.get("统计期")).isEqualTo("2023年1-6月");
        assertThat(new BigDecimal(total.get("本年累计(万元)"))).isEqualByComparingTo(ytd);
    }

    @Test
    void theSameCallWritesTheSameBytes() throws IOException {
        SampleSummary again = province().writeTo(dir.resolve("again"));
        assertSameFiles(dir.resolve("june"), dir.resolve("again"), june.files(), again.files());
    }

    @Test
    void aMonthIsTheSameWhetherTheMonthsBeforeItAreWrittenOrNot() throws IOException {
        SampleSummary spring = province().months(5, 6).writeTo(dir.resolve("spring"));
        List<Path> juneOnly = spring.files().stream()
                .filter(f -> f.getFileName().toString().contains("6月"))
                .toList();
        assertSameFiles(dir.resolve("june"), dir.resolve("spring"), june.files(), juneOnly);
    }

    private static void assertSameFiles(Path dirA, Path dirB, List<Path> a, List<Path> b) throws IOException {
        assertThat(b.stream().map(dirB::relativize))
                .containsExactlyElementsOf(a.stream().map(dirA::relativize).toList());
        for (Path f : a) {
            assertThat(Files.mismatch(f, dirB.resolve(dirA.relativize(f))))
                    .as(f.getFileName().toString())
                    .isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dirA.resolve("profile/city.yaml"), dirB.resolve("profile/city.yaml")))
                .isEqualTo(-1L);
    }

    static List<CSVRecord> csv(Path f) throws IOException {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build()
                        .parse(in)) {
            return new ArrayList<>(p.getRecords());
        }
    }
}
