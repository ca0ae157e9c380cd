package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadJob;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year the city has no targets file for (the bundled profile has 2023 only): 2024's statistics load
 * with a warning, and gold says the target is missing because the year is not configured — never an
 * empty gap that reads as on target, never a KPI quietly left out, never "no drop alert".
 */
class YearWithoutTargetsTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path f = TestFiles.utf8(
                dir.resolve("in"), "2024年1-6月.csv", "2024年1-6月各县市区固定资产投资完成情况", "县市区,同比增长(%)", "全市,6.0", "桃城区,5.0");
        FileLoadResult r = LoadJob.on(w).execute(f);
        assertThat(r.status()).as("%s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        BuildJob.on(w)
                .marts("region_growth", "city_kpis", "key_project_progress", "target_outlook")
                .execute();
    }

    @Test
    void regionGrowthSaysTheYearHasNoTargets() {
        // 桃城区 5.0 and 全市 6.0 as delivered; no target, so no gap, no meets_target and no drop alert
        // (the thresholds are in the missing file too), and the note names the missing file
        String note = "2024年未配置目标(缺少 config/targets/2024.yaml),无法与目标对比";
        assertDataFrameEquals(
                rows(
                        "region_code STRING, ytd_growth_pct DECIMAL(6,1), target_growth_pct DECIMAL(6,1), gap_pp DECIMAL(6,1), "
                                + "target_note STRING, meets_target BOOLEAN, drop_alert BOOLEAN",
                        new Object[] {"131100", new java.math.BigDecimal("6.0"), null, null, note, null, null},
                        new Object[] {"131102", new java.math.BigDecimal("5.0"), null, null, note, null, null}),
                spark().sql("SELECT region_code, ytd_growth_pct, target_growth_pct, gap_pp, target_note, meets_target, "
                        + "drop_alert FROM gold.region_growth WHERE period = '2024-06' AND region_code IN ('131100', '131102') "
                        + "ORDER BY region_code"));
    }

    @Test
    void theOutlookShowsTheGrowthButNoProjectionAndSaysWhy() {
        // 桃城区 5.0 as delivered; without the year's file there is no target, no status and no sentence
        assertDataFrameEquals(
                rows(
                        "actual DOUBLE, target DOUBLE, status STRING, sentence STRING, note STRING",
                        new Object[] {5.0, null, null, null, "2024年未配置目标(缺少 config/targets/2024.yaml),无法测算"}),
                spark().sql("SELECT actual, target, status, sentence, note FROM gold.target_outlook "
                        + "WHERE period = '2024-06' AND target_code = 'fai_growth' AND subject_code = '131102'"));
    }

    @Test
    void cityKpisListsEveryIndicatorWithTheMissingTargetExplained() {
        // the bundled 2023 file sets seven KPIs; 2024-06 lists all seven, each without a target
        List<Row> kpis = spark().sql("SELECT kpi_code, actual, target, attainment, attainment_note FROM gold.city_kpis "
                        + "WHERE period = '2024-06' ORDER BY kpi_code")
                .collectAsList();
        assertThat(kpis).hasSize(7);
        assertThat(kpis).allSatisfy(k -> {
            assertThat(k.isNullAt(2)).as("target of %s", k.getString(0)).isTrue();
            assertThat(k.isNullAt(3)).as("attainment of %s", k.getString(0)).isTrue();
        });
        // FAI growth has its actual (全市 6.0) and says why there is no attainment
        Row fai = kpis.stream()
                .filter(k -> k.getString(0).equals("fai_growth"))
                .findFirst()
                .orElseThrow();
        assertThat(fai.getDecimal(1)).isEqualByComparingTo("6.0");
        assertThat(fai.getString(4)).isEqualTo("2024年未配置目标(缺少 config/targets/2024.yaml)");
    }
}
