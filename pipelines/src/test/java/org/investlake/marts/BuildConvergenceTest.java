package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold converges: after silver.stats is restored to a version without a period, a build (plain or
 * --all) leaves every mart equal to a clean build over the same silver, built in a second warehouse
 * from a copy of the first one's silver rows; and after it is restored back to the version with March, equal to
 * the fixture's own first build, which was a clean build over that silver.
 *
 * <p>The fixture: stats for 1-2月 and 1-4月 loaded as one batch, then 1-3月, so the version after the batch
 * has February and April but not March; a projects and a bonds export of 2023-03, so all seven marts
 * exist and region_scorecard (read from gold.region_growth) has a March to lose its growth in.
 */
class BuildConvergenceTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;
    /** silver.stats with February and April only (before March was loaded). */
    static long withoutMarch;
    /** silver.stats with all three periods. */
    static long withMarch;

    /** The fresh warehouse built from a copy of each silver state, built once for the class. */
    private static final Map<String, Warehouse> FRESH = new HashMap<>();

    /**
     * Every mart's rows after the fixture's one build: the first build of an empty gold over silver as it stands
     * with March — what a fresh warehouse built from a copy of that silver would hold, without building one.
     */
    private static final Map<String, List<Row>> BUILT_WITH_MARCH = new HashMap<>();

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        // batches where the test needs no version between the files: one transaction each, not one a file
        MartFixtures.loadAll(
                w, stats(in, "2023年1-2月", "8.0", "6.0", "5.0"), stats(in, "2023年1-4月", "9.0", "7.0", "4.0"));
        withoutMarch = new TableVersions(w).current("silver", "stats");
        MartFixtures.load(w, stats(in, "2023年1-3月", "10.0", "7.5", "6.0"));
        withMarch = new TableVersions(w).current("silver", "stats");
        MartFixtures.loadAll(
                w,
                MartFixtures.projects(
                        in,
                        "2023年3月重点项目.csv",
                        "2201-131102-04-01-800001,桃城高端装备园,桃城区,工业,省重点,省重点项目库,续建,500000,450000,112500,2022-05,2022-06,否,王市长,桃城区发改局,2023-03"),
                MartFixtures.bonds(
                        in,
                        "2023年3月专项债券项目进展.csv",
                        "2208-131102-05-01-900001,桃城区棚户区改造,桃城区,2023年第一批,10000,2023-02-15,8000,2000,3000,已开工,2023-03"));
        BuildJob.on(w).execute();
        for (String mart : BuildJob.MARTS) {
            BUILT_WITH_MARCH.put(
                    mart,
                    spark().read()
                            .format("delta")
                            .load(w.location("gold", mart))
                            .collectAsList());
        }
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    /** Growth of 桃城区, 冀州区 and 武强县 in one period (the 统计期 column names it). */
    private static Path stats(Path in, String period, String taocheng, String jizhou, String wuqiang) {
        return TestFiles.utf8(
                in,
                period + "各县市区固定资产投资增速.csv",
                "统计期,县市区,累计增速(%)",
                period + ",桃城区," + taocheng,
                period + ",冀州区," + jizhou,
                period + ",武强县," + wuqiang);
    }

    /** Puts silver.stats back to the version with all three periods, and lets a build catch up. */
    private static void startWithMarch() {
        new TableVersions(w).restore("silver.stats", withMarch);
        BuildJob.on(w).execute();
        assertThat(periods("region_growth")).containsExactly("2023-02", "2023-03", "2023-04");
    }

    @Test
    void buildAllAfterARestoreDeletesTheVanishedPeriodAndEqualsAFreshBuild() {
        startWithMarch();
        new TableVersions(w).restore("silver.stats", withoutMarch);

        BuildJob.Result r = BuildJob.on(w).all(true).execute();

        // March is gone from silver.stats: deleted from the marts read from it, not left stale
        assertThat(r.deletedByMart().get("region_growth")).containsExactly("2023-03");
        assertThat(r.periodsByMart().get("region_growth")).containsExactly("2023-02", "2023-04");
        assertThat(periods("region_growth")).containsExactly("2023-02", "2023-04");
        assertGoldEqualsAFreshBuild("without March");
    }

    @Test
    void plainBuildNoticesARestoreEitherWay() {
        startWithMarch();
        new TableVersions(w).restore("silver.stats", withoutMarch);

        BuildJob.Result r = BuildJob.on(w).execute();

        // March deleted; April rebuilt because its change is against March (now none), February untouched
        assertThat(r.deletedByMart().get("region_growth")).containsExactly("2023-03");
        assertThat(r.periodsByMart().get("region_growth")).containsExactly("2023-04");
        // the scorecard reads gold.region_growth: its March stays (projects and bonds have it) but is recomputed
        assertThat(r.periodsByMart().get("region_scorecard")).contains("2023-03");
        // by hand: 桃城区 1-4月 9.0 has no 1-3月 to compare with any more, so no previous growth and no change
        assertDataFrameEquals(
                rows(
                        "period STRING, prev_growth_pct DECIMAL(6,1), change_pp DECIMAL(6,1)",
                        new Object[] {"2023-02", null, null},
                        new Object[] {"2023-04", null, null}),
                spark().sql("SELECT period, prev_growth_pct, change_pp FROM gold.region_growth "
                        + "WHERE region_code = '131102' ORDER BY period"));
        assertGoldEqualsAFreshBuild("without March");

        // and back: restoring the version with March brings it back into gold, April again against March
        new TableVersions(w).restore("silver.stats", withMarch);
        BuildJob.Result back = BuildJob.on(w).execute();
        assertThat(back.periodsByMart().get("region_growth")).containsExactly("2023-03", "2023-04");
        assertThat(back.deletedByMart().get("region_growth")).isEmpty();
        // by hand: 桃城区 1-4月 9.0 − 1-3月 10.0 = −1.0
        assertDataFrameEquals(
                rows(
                        "period STRING, prev_growth_pct DECIMAL(6,1), change_pp DECIMAL(6,1)",
                        new Object[] {"2023-04", new java.math.BigDecimal("10.0"), new java.math.BigDecimal("-1.0")}),
                spark().sql("SELECT period, prev_growth_pct, change_pp FROM gold.region_growth "
                        + "WHERE region_code = '131102' AND period = '2023-04'"));
        assertGoldEqualsTheFirstBuild();
    }

    /** Each mart equals what the fixture's first build wrote over the same silver (see BUILT_WITH_MARCH). */
    private static void assertGoldEqualsTheFirstBuild() {
        for (String mart : BuildJob.MARTS) {
            Dataset<Row> now = spark().read().format("delta").load(w.location("gold", mart));
            assertDataFrameNoOrderEquals(spark().createDataFrame(BUILT_WITH_MARCH.get(mart), now.schema()), now);
        }
    }

    @Test
    void theBuildLogCountsTheRowsWrittenForEachPeriod() {
        // the fixture's first build, counted while writing: as many rows per mart and period as the marts got
        Map<String, Long> written = new java.util.TreeMap<>();
        BUILT_WITH_MARCH.forEach(
                (mart, rows) -> rows.forEach(r -> written.merge(mart + " " + r.getAs("period"), 1L, Long::sum)));
        Map<String, Long> logged = new java.util.TreeMap<>();
        spark().sql("SELECT mart, period, rows FROM ops.build_log WHERE action = 'built' AND rows > 0 "
                        + "AND build_id = (SELECT min(build_id) FROM ops.build_log)")
                .collectAsList()
                .forEach(r -> logged.put(r.getString(0) + " " + r.getString(1), (long) r.getInt(2)));
        assertThat(logged).isEqualTo(written);
        // by hand, from the marts' grain: key_project_progress has every region of config/city.yaml (13 units,
        // 市本级 and 全市) = 15; bond_progress the regions with a bond (桃城区) and 全市 = 2; region_growth the 13
        // units and 全市 = 14 in each of the three statistics periods
        assertThat(logged)
                .containsEntry("key_project_progress 2023-03", 15L)
                .containsEntry("bond_progress 2023-03", 2L)
                .containsEntry("region_growth 2023-02", 14L)
                .containsEntry("region_growth 2023-04", 14L);
    }

    private static List<String> periods(String mart) {
        return spark()
                .read()
                .format("delta")
                .load(w.location("gold", mart))
                .select("period")
                .distinct()
                .orderBy("period")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList();
    }

    /**
     * Copies w's silver rows into a new warehouse, builds every mart there from scratch, and compares
     * each gold table of the two (both present or both absent; equal rows in any order). The fresh
     * warehouse of a silver state (named by {@code state}) is built once for the class.
     */
    private static void assertGoldEqualsAFreshBuild(String state) {
        Warehouse fresh = FRESH.get(state);
        if (fresh == null) {
            fresh = warehouse(dir.resolve("fresh-" + FRESH.size()));
            TableStore store = new TableStore(fresh);
            for (String t : List.of("stats", "projects", "bonds")) {
                if (w.exists("silver", t)) {
                    Dataset<Row> rows = spark().read().format("delta").load(w.location("silver", t));
                    store.append(TableDoc.load("silver", t), rows, "copy of " + w.location("silver", t));
                }
            }
            BuildJob.on(fresh).execute();
            FRESH.put(state, fresh);
            w = warehouse(dir);
        }
        for (String mart : BuildJob.MARTS) {
            assertThat(w.exists("gold", mart)).as("gold.%s exists", mart).isEqualTo(fresh.exists("gold", mart));
            if (fresh.exists("gold", mart)) {
                assertDataFrameNoOrderEquals(
                        spark().read().format("delta").load(fresh.location("gold", mart)),
                        spark().read().format("delta").load(w.location("gold", mart)));
            }
        }
    }
}
