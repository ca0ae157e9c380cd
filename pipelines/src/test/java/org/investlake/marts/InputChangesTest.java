package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Delta logs say changed between two versions of a build's inputs: the months a load wrote into
 * silver.projects (partitioned by period), and "cannot tell" where a commit is not tied to a month. The build then
 * gives the same answer as before ({@link BuildChangeDetectionTest}, {@code BuildConvergenceTest}); here, which
 * months it reads to find it.
 */
class InputChangesTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;
    static TableVersions versions;

    @BeforeAll
    static void load() {
        w = warehouse(dir);
        versions = new TableVersions(w);
    }

    private static Path projects(String name, String... months) {
        String[] rows = new String[months.length];
        for (int i = 0; i < months.length; i++) {
            // completed so far grows by 1000 a month (May 2000, June 3000, July 4000): no cumulative rule fires
            int month = Integer.parseInt(months[i].substring(5));
            rows[i] = "2301-131102-04-01-700001,桃城精密铸造,桃城区,工业,省重点,省重点项目库,续建,50000,10000," + (month - 3) * 1000
                    + ",2022-10,2022-11,否,王市长,桃城区发改局," + months[i];
        }
        return MartFixtures.projects(dir.resolve("in"), name, rows);
    }

    private static String recorded(String table) {
        return table + "=" + versions.current("silver", table.substring("silver.".length()));
    }

    private static Map<String, Long> now(String table) {
        return Map.of(table, versions.current("silver", table.substring("silver.".length())));
    }

    @Test
    void aLoadTouchesTheMonthsItWroteAndNothingElseCanBeToldApartFromIt() {
        MartFixtures.load(w, projects("2023年5-6月调度项目.csv", "2023-05", "2023-06"));
        String afterJune = recorded("silver.projects");
        InputChanges changes = new InputChanges(w);
        assertThat(changes.since(afterJune, now("silver.projects"))).contains(Set.of());

        MartFixtures.load(w, projects("2023年7月调度项目.csv", "2023-07"));
        assertThat(changes.since(afterJune, now("silver.projects"))).contains(Set.of("2023-07"));

        // a corrected June: only June's partition is replaced
        String afterJuly = recorded("silver.projects");
        MartFixtures.load(w, projects("2023年6月调度项目(更正).csv", "2023-06"));
        assertThat(new InputChanges(w).since(afterJuly, now("silver.projects"))).contains(Set.of("2023-06"));
        // both loads since June's version
        assertThat(new InputChanges(w).since(afterJune, now("silver.projects"))).contains(Set.of("2023-06", "2023-07"));

        // a change of the table's properties is tied to no month: every month is read again
        String beforeAlter = recorded("silver.projects");
        spark().sql("ALTER TABLE silver.projects SET TBLPROPERTIES ('investlake.test' = 'x')");
        assertThat(new InputChanges(w).since(beforeAlter, now("silver.projects")))
                .isEmpty();

        // versions the log does not reach, or inputs other than the recorded ones: cannot tell
        assertThat(new InputChanges(w).since("silver.projects=999", now("silver.projects")))
                .isEmpty();
        assertThat(new InputChanges(w).since("silver.bonds=0", now("silver.projects")))
                .isEmpty();
    }

    /** One statistics table by region: 桃城区 and 全市 with the same growth, for {@code period} (e.g. 2023年1-5月). */
    private static Path stats(String name, String period, String growth) {
        return TestFiles.utf8(
                dir.resolve("in"), name, "统计期,县市区,累计增速(%)", period + ",桃城区," + growth, period + ",全市," + growth);
    }

    @Test
    void statisticsAreNotPartitionedByMonthSoTheRowsOfTheFilesACommitChangedNameTheMonths() {
        MartFixtures.load(w, stats("2023年1-5月各县市区固定资产投资增速.csv", "2023年1-5月", "6.0"));
        String afterMay = recorded("silver.stats");
        MartFixtures.load(w, stats("2023年1-6月各县市区固定资产投资增速.csv", "2023年1-6月", "6.5"));
        // by hand: June's two rows were added; a MERGE may rewrite the file holding May's rows beside them, but no
        // file holds any other month
        assertThat(new InputChanges(w).since(afterMay, now("silver.stats")).orElseThrow())
                .contains("2023-06")
                .isSubsetOf("2023-05", "2023-06");

        String afterJune = recorded("silver.stats");
        MartFixtures.load(w, stats("2023年1-5月各县市区固定资产投资增速(更正).csv", "2023年1-5月", "6.2"));
        // by hand: May's two rows changed (6.0 → 6.2)
        assertThat(new InputChanges(w).since(afterJune, now("silver.stats")).orElseThrow())
                .contains("2023-05")
                .isSubsetOf("2023-05", "2023-06");
    }

    @Test
    void compactionMovesTheSameRowsAndTouchesNoMonth() {
        String location = w.location("silver", "compaction_demo");
        spark().sql("CREATE TABLE silver.compaction_demo (period STRING, n INT) USING DELTA PARTITIONED BY (period) "
                + "LOCATION '" + location + "'");
        // two inserts into one month: two files in its partition, for OPTIMIZE to merge into one
        spark().sql("INSERT INTO silver.compaction_demo VALUES ('2023-01', 1)");
        spark().sql("INSERT INTO silver.compaction_demo VALUES ('2023-01', 2)");
        long twoFiles = versions.current("silver", "compaction_demo");
        spark().sql("OPTIMIZE silver.compaction_demo");
        long compacted = versions.current("silver", "compaction_demo");
        assertThat(compacted).as("OPTIMIZE committed").isGreaterThan(twoFiles);
        String before = "silver.compaction_demo=" + twoFiles;
        Map<String, Long> after = Map.of("silver.compaction_demo", compacted);

        assertThat(new InputChanges(w).since(before, after)).contains(Set.of());
    }
}
