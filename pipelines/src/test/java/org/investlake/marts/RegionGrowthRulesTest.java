package org.investlake.marts;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.region_growth at its rule boundaries: ranks on growth as published (one decimal), equal growth
 * sharing a rank and skipping the next, and drop_alert at a fall of exactly 3.0 points (2.9 does not).
 * The bureau's growth is given with two decimals, so the raw and the published values disagree on
 * purpose. Targets (config/targets/2023.yaml): 桃城区 7.5, 冀州区 7.0, 枣强县 7.5, 武强县 8.0, 全市 7.0;
 * rules: fall_pp 3.0, under_target_pp 3.0.
 *
 * <pre>
 *            1-2月 raw → published   1-3月 raw → published   change (published)   gap 1-3月
 * 桃城区     10.46 → 10.5           7.54 → 7.5              7.5 − 10.5 = −3.0    7.5 − 7.5 = 0.0
 * 冀州区      9.96 → 10.0           7.14 → 7.1              7.1 − 10.0 = −2.9    7.1 − 7.0 = 0.1
 * 枣强县      6.00 →  6.0           7.96 → 8.0              8.0 − 6.0  = +2.0    8.0 − 7.5 = 0.5
 * 武强县      7.00 →  7.0           8.04 → 8.0              8.0 − 7.0  = +1.0    8.0 − 8.0 = 0.0
 * 全市        8.00 →  8.0           7.00 → 7.0              7.0 − 8.0  = −1.0    7.0 − 7.0 = 0.0
 * </pre>
 * Raw, 桃城区 fell 7.54 − 10.46 = −2.92 (under 3) and 枣强县 7.96 ≠ 武强县 8.04: only the published
 * values give the alert and the tie, as the bulletin prints them.
 */
class RegionGrowthRulesTest extends SparkTest {
    private static final String COLUMNS = "period STRING, region_code STRING, ytd_growth_pct DECIMAL(6,1), "
            + "change_pp DECIMAL(6,1), gap_pp DECIMAL(6,1), rank INT, drop_alert BOOLEAN";

    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        MartFixtures.load(
                w,
                TestFiles.utf8(
                        dir.resolve("in"),
                        "2023年1-3月各县市区固定资产投资增速.csv",
                        "统计期,县市区,累计增速(%)",
                        "2023年1-2月,桃城区,10.46",
                        "2023年1-2月,冀州区,9.96",
                        "2023年1-2月,枣强县,6.00",
                        "2023年1-2月,武强县,7.00",
                        "2023年1-2月,全市,8.00",
                        "2023年1-3月,桃城区,7.54",
                        "2023年1-3月,冀州区,7.14",
                        "2023年1-3月,枣强县,7.96",
                        "2023年1-3月,武强县,8.04",
                        "2023年1-3月,全市,7.00"));
        BuildJob.on(w).marts("region_growth").execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void equalPublishedGrowthSharesARankAndSkipsTheNext() {
        // 1-2月: 10.5 > 10.0 > 7.0 > 6.0 → 1, 2, 3, 4.  1-3月: 8.0 = 8.0 > 7.5 > 7.1 → 1, 1, 3, 4 (2 skipped)
        assertDataFrameEquals(
                rows(
                        "period STRING, region_code STRING, rank INT",
                        new Object[] {"2023-02", "131100", null},
                        new Object[] {"2023-02", "131102", 1},
                        new Object[] {"2023-02", "131103", 2},
                        new Object[] {"2023-02", "131121", 4},
                        new Object[] {"2023-02", "131123", 3},
                        new Object[] {"2023-03", "131100", null},
                        new Object[] {"2023-03", "131102", 3},
                        new Object[] {"2023-03", "131103", 4},
                        new Object[] {"2023-03", "131121", 1},
                        new Object[] {"2023-03", "131123", 1}),
                spark().sql("SELECT period, region_code, rank FROM gold.region_growth "
                        + "WHERE ytd_growth_pct IS NOT NULL ORDER BY period, region_code"));
    }

    @Test
    void aFallOfExactlyThreePointsAlertsAndOfTwoPointNineDoesNot() {
        // 1-3月 from the table above: 桃城区 −3.0 ≤ −3 → alert; 冀州区 −2.9 > −3 → none; gaps all ≥ 0
        assertDataFrameEquals(
                rows(
                        COLUMNS,
                        row("131100", "7.0", "-1.0", "0.0", null, false),
                        row("131102", "7.5", "-3.0", "0.0", 3, true),
                        row("131103", "7.1", "-2.9", "0.1", 4, false),
                        row("131121", "8.0", "2.0", "0.5", 1, false),
                        row("131123", "8.0", "1.0", "0.0", 1, false)),
                spark().sql("SELECT period, region_code, ytd_growth_pct, change_pp, gap_pp, rank, drop_alert "
                        + "FROM gold.region_growth WHERE period = '2023-03' AND ytd_growth_pct IS NOT NULL "
                        + "ORDER BY region_code"));
    }

    private static Object[] row(String region, String growth, String change, String gap, Integer rank, boolean alert) {
        return new Object[] {
            "2023-03", region, new BigDecimal(growth), new BigDecimal(change), new BigDecimal(gap), rank, alert
        };
    }
}
