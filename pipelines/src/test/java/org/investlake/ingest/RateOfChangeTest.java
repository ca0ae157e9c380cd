package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate-of-change flag of statistics (schemas/stats.yaml rate_of_change: robust z beyond 3.5 over at least 4 other
 * moves of the year, and at least 1.0 point from their median).
 *
 * <pre>
 * 累计增速 %   1-2  1-3  1-4  1-5  1-6  1-7 | 1-8 (a second file)
 * 冀州区       6.0  6.1  6.3  6.2  6.4  6.5 | 2.0   moves 0.1 0.2 −0.1 0.2 0.1: median 0.1, MAD 0.1;
 *                                                 −4.5 is (−4.5 − 0.1) / (1.4826 × 0.1) = −31.0: flagged
 * 桃城区       8.0  8.2  8.1  8.3  8.4  8.4 | 8.6   +0.2, an ordinary month: not flagged
 * 武邑县       5.0  5.0  5.0  5.0  5.0  5.0 | 6.0   every other move 0 (no MAD), 1.0 from it: flagged
 * 枣强县       7.0  7.0  7.0  7.0  7.0  7.0 | 7.5   0.5 from it, under min_move: not flagged
 * </pre>
 * The first file alone flags nothing: each of its months has only 4 moves, 3 of them other than its own.
 *
 * <p>Then one batch of two files named 1-10月 before 1-9月 (桃城区 only), which the batch checks in period order.
 * 1-9月 12.0 is checked against silver: its move +3.4 (12.0 after 8.6) against the other moves 0.2 −0.1 0.2 0.1 0.0
 * 0.2: median 0.15, deviations 0.05 0.25 0.05 0.05 0.15 0.05, MAD 0.05; z = (3.4 − 0.15) / (1.4826 × 0.05) = 43.8:
 * flagged. 1-10月 8.8 is then checked with the batch's 1-9月 as history: its move −3.2 against 0.2 −0.1 0.2 0.1 0.0
 * 0.2 3.4: median 0.2, deviations 0.0 0.3 0.0 0.1 0.2 0.0 3.2, MAD 0.1; z = (−3.2 − 0.2) / (1.4826 × 0.1) = −22.9:
 * flagged too. (Checked in the order named, 1-10月 would have had no 1-9月 to move from.)
 */
class RateOfChangeTest extends SparkTest {
    @TempDir
    static Path dir;

    static FileLoadResult first;
    static FileLoadResult august;
    static List<FileLoadResult> batch;

    @BeforeAll
    static void load() {
        Warehouse w = warehouse(dir);
        Path in = dir.resolve("in");
        String[][] series = {
            {"冀州区", "6.0", "6.1", "6.3", "6.2", "6.4", "6.5"},
            {"桃城区", "8.0", "8.2", "8.1", "8.3", "8.4", "8.4"},
            {"武邑县", "5.0", "5.0", "5.0", "5.0", "5.0", "5.0"},
            {"枣强县", "7.0", "7.0", "7.0", "7.0", "7.0", "7.0"}
        };
        List<String> lines = new ArrayList<>(List.of("统计期,县市区,累计增速(%)"));
        for (int m = 2; m <= 7; m++) {
            for (String[] s : series) {
                lines.add("2023-0" + m + "," + s[0] + "," + s[m - 1]);
            }
        }
        first = LoadJob.on(w).execute(TestFiles.utf8(in, "2023年1-2月至1-7月.csv", lines.toArray(String[]::new)));
        august = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        in,
                        "2023年1-8月.csv",
                        "统计期,县市区,累计增速(%)",
                        "2023-08,冀州区,2.0",
                        "2023-08,桃城区,8.6",
                        "2023-08,武邑县,6.0",
                        "2023-08,枣强县,7.5"));
        batch = LoadBatch.of(LoadJob.on(w))
                .execute(
                        List.of(
                                TestFiles.utf8(in, "2023年1-10月.csv", "统计期,县市区,累计增速(%)", "2023-10,桃城区,8.8"),
                                TestFiles.utf8(in, "2023年1-9月.csv", "统计期,县市区,累计增速(%)", "2023-09,桃城区,12.0")),
                        step -> {});
    }

    static final String JIZHOU =
            "2023年1-8月.csv: 冀州区1-8月累计增速2.0%(上月6.5%),变动-4.5个百分点,本年其他月份变动中位数0.1个百分点,稳健Z值-31.0," + "远超以往波动,请核实";
    static final String WUYI =
            "2023年1-8月.csv: 武邑县1-8月累计增速6.0%(上月5.0%),变动1.0个百分点,本年其他月份变动中位数0.0个百分点(本年其他月份变动都相同)," + "远超以往波动,请核实";

    @Test
    void thePlantedJumpIsFlaggedAndTheOrdinaryMonthsAreNot() {
        assertThat(first.status()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(first.reasons()).noneMatch(r -> r.startsWith("异动"));
        // a flag loads the row: all four rows of August are in silver, two of them flagged, the largest move first
        assertThat(august.status()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(august.rowsLoaded()).isEqualTo(4);
        assertThat(august.reasons().stream().filter(r -> r.startsWith("异动")))
                .containsExactly("异动 " + JIZHOU, "异动 " + WUYI);
    }

    static final String SEPTEMBER =
            "2023年1-9月.csv: 桃城区1-9月累计增速12.0%(上月8.6%),变动3.4个百分点,本年其他月份变动中位数0.2个百分点,稳健Z值43.8," + "远超以往波动,请核实";
    static final String OCTOBER =
            "2023年1-10月.csv: 桃城区1-10月累计增速8.8%(上月12.0%),变动-3.2个百分点,本年其他月份变动中位数0.2个百分点,稳健Z值-22.9," + "远超以往波动,请核实";

    @Test
    void aBatchChecksItsFilesInPeriodOrderEachWithTheEarlierAsHistory() {
        assertThat(batch)
                .as("the results in the order named: 1-10月, then 1-9月")
                .extracting(FileLoadResult::file, FileLoadResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2023年1-10月.csv", FileLoadResult.Status.LOADED),
                        org.assertj.core.groups.Tuple.tuple("2023年1-9月.csv", FileLoadResult.Status.LOADED));
        assertThat(batch.get(0).reasons().stream().filter(r -> r.startsWith("异动")))
                .containsExactly("异动 " + OCTOBER);
        assertThat(batch.get(1).reasons().stream().filter(r -> r.startsWith("异动")))
                .containsExactly("异动 " + SEPTEMBER);
    }

    @Test
    void theFlagsAreCountedInDqResultsPerLoad() {
        assertDataFrameEquals(
                rows(
                        "source_file STRING, rule_id STRING, action STRING, rows INT, example STRING",
                        // ordered as text: 1-10 before 1-8
                        new Object[] {"2023年1-10月.csv", "rate_of_change", "flag", 1, OCTOBER},
                        new Object[] {"2023年1-8月.csv", "rate_of_change", "flag", 2, JIZHOU},
                        new Object[] {"2023年1-9月.csv", "rate_of_change", "flag", 1, SEPTEMBER}),
                spark().sql("SELECT source_file, rule_id, action, rows, example FROM ops.dq_results "
                        + "WHERE rule_id = 'rate_of_change' ORDER BY source_file"));
    }
}
