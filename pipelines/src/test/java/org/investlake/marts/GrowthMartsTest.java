package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.region_growth and gold.sector_growth on the hand-made fixture ({@link StatsFixture}); targets
 * from config/targets/2023.yaml: 桃城区 7.5, 冀州区 7.0, 武强县 8.0, 全市 7.0; 工业 7, 工业技术改造 7,
 * 交通运输 8.5, 民间投资 none. Drop alert: change ≤ −3 or gap ≤ −3.
 */
class GrowthMartsTest extends SparkTest {
    private static final String REGION_COLUMNS =
            "period STRING, region_code STRING, ytd_growth_pct DECIMAL(6,1), target_growth_pct DECIMAL(6,1), "
                    + "gap_pp DECIMAL(6,1), prev_growth_pct DECIMAL(6,1), change_pp DECIMAL(6,1), rank INT, "
                    + "meets_target BOOLEAN, drop_alert BOOLEAN";

    // loaded and built once for the class: every test here only reads, or rebuilds to the same values
    /** Only the marts under test are built: building all seven would triple the time. */
    private static final String[] GROWTH_MARTS = {"region_growth", "sector_growth"};

    @TempDir
    static Path dir;

    static Warehouse w;
    static BuildJob.Result firstBuild;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        // one batch, as `run --inbox` loads them: the same silver as one file after another
        LoadBatch.of(LoadJob.on(w))
                .execute(
                        List.of(StatsFixture.february(in), StatsFixture.march(in), StatsFixture.marchBySector(in)),
                        step -> {});
        firstBuild = BuildJob.on(w).marts(GROWTH_MARTS).execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void regionGrowthHasHandWorkedValues() {
        assertThat(firstBuild.periodsByMart().get("region_growth")).containsExactly("2023-02", "2023-03");

        Dataset<Row> expected = rows(
                REGION_COLUMNS,
                // 1-2月: no previous period; ranks 8.0 > 6.0 > 3.0; 武强县 gap 3.0−8.0 = −5.0 ≤ −3 → alert
                row("2023-02", "131100", "6.4", "7.0", "-0.6", null, null, null, false, false),
                row("2023-02", "131102", "8.0", "7.5", "0.5", null, null, 1, true, false),
                row("2023-02", "131103", "6.0", "7.0", "-1.0", null, null, 2, false, false),
                row("2023-02", "131123", "3.0", "8.0", "-5.0", null, null, 3, false, true),
                // 1-3月: 全市 4.3−6.4 = −2.1 and 4.3−7.0 = −2.7, neither reaches −3 → no alert;
                // 冀州区 −7.0−6.0 = −13.0 → alert; 武强县 gap 5.0−8.0 = −3.0, exactly −3 → alert
                row("2023-03", "131100", "4.3", "7.0", "-2.7", "6.4", "-2.1", null, false, false),
                row("2023-03", "131102", "10.0", "7.5", "2.5", "8.0", "2.0", 1, true, false),
                row("2023-03", "131103", "-7.0", "7.0", "-14.0", "6.0", "-13.0", 3, false, true),
                row("2023-03", "131123", "5.0", "8.0", "-3.0", "3.0", "2.0", 2, false, true));
        assertDataFrameEquals(
                expected,
                spark().sql(
                                "SELECT period, region_code, ytd_growth_pct, target_growth_pct, gap_pp, prev_growth_pct, change_pp, "
                                        + "rank, meets_target, drop_alert FROM gold.region_growth "
                                        + "WHERE region_code IN ('131100', '131102', '131103', '131123') ORDER BY period, region_code"));

        // every unit has its row (13 + 全市), the ten without statistics unranked and without growth
        assertDataFrameEquals(
                rows(
                        "period STRING, n BIGINT, ranked BIGINT, with_growth BIGINT",
                        new Object[] {"2023-02", 14L, 3L, 4L},
                        new Object[] {"2023-03", 14L, 3L, 4L}),
                spark().sql("SELECT period, count(*) AS n, count(rank) AS ranked, count(ytd_growth_pct) AS with_growth "
                        + "FROM gold.region_growth GROUP BY period ORDER BY period"));
    }

    @Test
    void monthlyAmountsComeFromTheCumulativeOnes() {
        // 1-2月 stands for two months: the cumulative amount itself; 1-3月 minus 1-2月:
        // 桃城区 16500 − 10800 = 5700, 冀州区 7440 − 5300 = 2140, 全市 30240 − 20220 = 10020
        assertDataFrameEquals(
                rows(
                        "period STRING, region_code STRING, month_amount_wan DECIMAL(18,2)",
                        new Object[] {"2023-02", "131100", d("20220.00")},
                        new Object[] {"2023-02", "131102", d("10800.00")},
                        new Object[] {"2023-02", "131103", d("5300.00")},
                        new Object[] {"2023-03", "131100", d("10020.00")},
                        new Object[] {"2023-03", "131102", d("5700.00")},
                        new Object[] {"2023-03", "131103", d("2140.00")}),
                spark().sql("SELECT period, region_code, month_amount_wan FROM gold.region_growth "
                        + "WHERE region_code IN ('131100', '131102', '131103') ORDER BY period, region_code"));
    }

    @Test
    void sectorGrowthHasHandWorkedValues() {
        Dataset<Row> expected = rows(
                "period STRING, sector_code STRING, ytd_growth_pct DECIMAL(6,1), target_growth_pct DECIMAL(6,1), "
                        + "gap_pp DECIMAL(6,1), meets_target BOOLEAN",
                new Object[] {"2023-03", "industry", d("9.1"), d("7.0"), d("2.1"), true},
                // "1.5倍" is +150 %
                new Object[] {"2023-03", "industry_techrenov", d("150.0"), d("7.0"), d("143.0"), true},
                new Object[] {"2023-03", "private", d("-0.5"), null, null, null},
                new Object[] {"2023-03", "transport", d("-2.0"), d("8.5"), d("-10.5"), false});
        assertDataFrameEquals(
                expected,
                spark().sql("SELECT period, sector_code, ytd_growth_pct, target_growth_pct, gap_pp, meets_target "
                        + "FROM gold.sector_growth WHERE ytd_growth_pct IS NOT NULL ORDER BY sector_code"));
    }

    @Test
    void buildRecomputesOnlyWhatChanged() {
        assertThat(BuildJob.on(w).marts(GROWTH_MARTS).execute().nothingBuilt())
                .as("second build with no new data")
                .isTrue();
        assertThat(BuildJob.on(w)
                        .marts(GROWTH_MARTS)
                        .periods(Set.of("2023-03"))
                        .execute()
                        .periodsByMart()
                        .get("region_growth"))
                .containsExactly("2023-03");
        // a later period depends on an earlier one's growth: rebuilding 2023-02 rebuilds 2023-03 too
        assertThat(BuildJob.on(w)
                        .marts(GROWTH_MARTS)
                        .periods(Set.of("2023-02"))
                        .execute()
                        .periodsByMart()
                        .get("region_growth"))
                .containsExactly("2023-02", "2023-03");
    }

    @Test
    void aUnitWithoutGrowthHasNoAlertAndNoVerdictRatherThanFalse() {
        // the ten units without statistics, both periods: 20 rows whose growth, meets_target and drop_alert
        // are all empty — "no data" is not "no alert"
        assertDataFrameEquals(
                rows(
                        "period STRING, without_growth BIGINT, meets_target_set BIGINT, drop_alert_set BIGINT",
                        new Object[] {"2023-02", 10L, 0L, 0L},
                        new Object[] {"2023-03", 10L, 0L, 0L}),
                spark().sql("SELECT period, count(*) AS without_growth, count(meets_target) AS meets_target_set, "
                        + "count(drop_alert) AS drop_alert_set FROM gold.region_growth WHERE ytd_growth_pct IS NULL "
                        + "GROUP BY period ORDER BY period"));
    }

    private static Object[] row(
            String period,
            String code,
            String growth,
            String target,
            String gap,
            String prev,
            String change,
            Integer rank,
            Boolean meets,
            Boolean alert) {
        return new Object[] {period, code, d(growth), d(target), d(gap), d(prev), d(change), rank, meets, alert};
    }

    private static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
