package org.investlake.marts;

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
 * gold.consistency_checks on a fixture made to break each check once, around a clean May that must stay quiet.
 * Thresholds (config/targets/2023.yaml rules.consistency): growth_vs_projects_from_month 6, projects_below_share 0.5,
 * growth_low_pp 3.0, projects_above_share 1.5, over_plan_ratio 1.5, units_vs_city_wan 1.0; the key projects' default shape at June 0.33.
 *
 * <pre>
 * statistics (万元: 本年累计 / 上年同期 → 增速)
 * 1-4月  桃城区 80/76, 全市 1040/988           (no project export for April: the export is missing)
 * 1-5月  all 13 units 100/95 (5.3), 全市 1300/1235 (5.3): the units add up, growth under every target
 * 1-6月  10 units 119/112 (6.3); 冀州区 90/112 (−19.6, less than May's 100); 枣强县 121/112 (8.0, target 7.5);
 *        武邑县 112/112 (0.0, target 7.0); 全市 1560/1456 (7.1) while the units add up to 1513
 *
 * projects (万元)                       total    plan   5月     6月
 * P1 桃城区 省重点                     500000  200000          150000   45.45亿 of 45 projected: quiet
 * P2 枣强县 省重点                     300000  100000           50000   15.15亿 of 33 (45.9%) while at target
 * P3 武邑县 省重点                     300000  100000          100000   30.30亿 of 20 (151.5%) while 7.0 under
 * P4 深州市 一般                       100000   40000   20000   18000   falls
 * P5 安平县 一般                        50000   10000           16000   1.6 × plan
 * P6 安平县 一般                        50000   10000           15000   1.5 × plan: not over
 * P7 饶阳县 一般                        50000   20000    5000           gone from June's export
 * bonds June, 景县: B1 amount 5000 completed 3000 spent 3500 (over completed); B2 spent 2000 (not)
 * </pre>
 */
class ConsistencyChecksTest extends SparkTest {
    @TempDir
    static Path dir;

    private static final String[] UNITS = {
        "桃城区", "冀州区", "枣强县", "武邑县", "深州市", "武强县", "饶阳县", "安平县", "故城县", "景县", "阜城县", "衡水高新区", "滨湖新区"
    };

    @BeforeAll
    static void loadAndBuild() {
        Warehouse w = warehouse(dir);
        Path in = dir.resolve("in");
        String header = "地区,累计完成,上年同期累计,同比增长(%)";
        List<String> may = new ArrayList<>(List.of("2023年1-5月各县市区固定资产投资完成情况", header, "全市,1300,1235,5.3"));
        List<String> june = new ArrayList<>(List.of("2023年1-6月各县市区固定资产投资完成情况", header, "全市,1560,1456,7.1"));
        for (String u : UNITS) {
            may.add(u + ",100,95,5.3");
            june.add(
                    switch (u) {
                        case "冀州区" -> u + ",90,112,-19.6";
                        case "枣强县" -> u + ",121,112,8.0";
                        case "武邑县" -> u + ",112,112,0.0";
                        default -> u + ",119,112,6.3";
                    });
        }
        String p = "%s,%s,%s,工业,%s,%s,续建,%d,%d,%d,2022-03,2022-03,否,王市长,发改局,%s";
        MartFixtures.loadAll(
                w,
                TestFiles.utf8(
                        in, "2023年1-4月.csv", "2023年1-4月各县市区固定资产投资完成情况", header, "桃城区,80,76,5.3", "全市,1040,988,5.3"),
                TestFiles.utf8(in, "2023年1-5月.csv", may.toArray(String[]::new)),
                TestFiles.utf8(in, "2023年1-6月.csv", june.toArray(String[]::new)),
                MartFixtures.projects(
                        in,
                        "2023年5月重点项目.csv",
                        project(p, "2201-131182-04-01-800004", "深州市P4", "深州市", false, 100000, 40000, 20000, "2023-05"),
                        project(p, "2201-131124-04-01-800007", "饶阳县P7", "饶阳县", false, 50000, 20000, 5000, "2023-05")),
                MartFixtures.projects(
                        in,
                        "2023年6月重点项目.csv",
                        project(p, "2201-131102-04-01-800001", "桃城区P1", "桃城区", true, 500000, 200000, 150000, "2023-06"),
                        project(p, "2201-131121-04-01-800002", "枣强县P2", "枣强县", true, 300000, 100000, 50000, "2023-06"),
                        project(p, "2201-131122-04-01-800003", "武邑县P3", "武邑县", true, 300000, 100000, 100000, "2023-06"),
                        project(p, "2201-131182-04-01-800004", "深州市P4", "深州市", false, 100000, 40000, 18000, "2023-06"),
                        project(p, "2201-131125-04-01-800005", "安平县P5", "安平县", false, 50000, 10000, 16000, "2023-06"),
                        project(p, "2201-131125-04-01-800006", "安平县P6", "安平县", false, 50000, 10000, 15000, "2023-06")),
                MartFixtures.bonds(
                        in,
                        "2023年6月专项债券.csv",
                        "2208-131127-05-01-900001,景县B1,景县,2023年第一批,5000,2023-02-15,4000,3000,3500,已开工,2023-06",
                        "2208-131127-05-01-900002,景县B2,景县,2023年第一批,5000,2023-02-15,4000,3000,2000,已开工,2023-06"));
        BuildJob.on(w)
                .marts("region_growth", "key_project_progress", "city_kpis", "target_outlook", "consistency_checks")
                .execute();
    }

    private static String project(
            String format,
            String code,
            String name,
            String region,
            boolean key,
            int total,
            int plan,
            int completed,
            String period) {
        return String.format(
                format,
                code,
                name,
                region,
                key ? "省重点" : "一般",
                key ? "省重点项目库" : "一般项目库",
                total,
                plan,
                completed,
                period);
    }

    @Test
    void eachBrokenFigureIsFlaggedOnceAndTheCleanMonthIsQuiet() {
        // nothing in 2023-05; in 2023-06 each planted fault once; 2023-04 the missing project export
        assertDataFrameEquals(
                rows(
                        "period STRING, check_code STRING, severity STRING, region_code STRING",
                        new Object[] {"2023-04", "projects_missing", "高", "131100"},
                        new Object[] {"2023-06", "bond_spent_over_completed", "低", "131127"},
                        new Object[] {"2023-06", "growth_vs_projects", "中", "131121"},
                        new Object[] {"2023-06", "growth_vs_projects", "中", "131122"},
                        new Object[] {"2023-06", "project_cumulative_falls", "中", "131182"},
                        new Object[] {"2023-06", "project_over_plan", "中", "131125"},
                        new Object[] {"2023-06", "projects_missing", "高", "131124"},
                        new Object[] {"2023-06", "stats_cumulative_falls", "高", "131103"},
                        new Object[] {"2023-06", "units_vs_city", "中", "131100"}),
                spark().sql("SELECT period, check_code, severity, region_code FROM gold.consistency_checks "
                        + "ORDER BY period, check_code, region_code"));
    }

    @Test
    void theSentencesNameTheFigures() {
        assertThat(sentence("growth_vs_projects", "131121"))
                .isEqualTo("枣强县1-6月投资增速8.0%,达到目标(7.5%),但省市重点项目按季节进度测算全年预计只完成目标的45.9%,投资增长与项目进度不匹配,请核实。");
        assertThat(sentence("growth_vs_projects", "131122"))
                .isEqualTo("武邑县1-6月投资增速0.0%,低于目标(7.0%)7.0个百分点,但省市重点项目按季节进度测算全年预计完成目标的151.5%,请核实项目投资是否及时入统。");
        assertThat(sentence("stats_cumulative_falls", "131103"))
                .isEqualTo("冀州区1-6月固定资产投资本年累计90.00万元,比1-5月(100.00万元)还少,累计数不应下降,请核实。");
        assertThat(sentence("units_vs_city", "131100"))
                .isEqualTo("1-6月各县市区本年累计合计1,513.00万元,与全市(1,560.00万元)相差47.00万元,请核实。");
        assertThat(sentence("project_over_plan", "131125"))
                .isEqualTo("安平县6月有1个项目本年累计完成投资超过年度计划的1.5倍(如安平县P5),请核实完成额或年度计划。");
        assertThat(sentence("project_cumulative_falls", "131182"))
                .isEqualTo("深州市6月有1个项目本年累计完成投资比上月还少(如深州市P4),累计数不应下降,请核实。");
        assertThat(sentence("projects_missing", "131124"))
                .isEqualTo("饶阳县1-6月统计数据已报送,但6月项目库中没有饶阳县的项目(本年此前月份最多1个),请核实项目库是否漏报。");
        assertThat(sentence("bond_spent_over_completed", "131127"))
                .isEqualTo("景县6月有1个专项债券项目已支出债券资金超过累计完成投资(如景县B1),请核实资金支出与投资完成进度。");
        assertThat(spark().sql("SELECT sentence FROM gold.consistency_checks WHERE period = '2023-04'")
                        .first()
                        .getString(0))
                .isEqualTo("1-4月固定资产投资统计数据已报送,但4月项目库数据未报送,无法核对项目与统计数据。");
    }

    private static String sentence(String check, String region) {
        return spark().sql("SELECT sentence FROM gold.consistency_checks WHERE period = '2023-06' AND check_code = '"
                        + check + "' AND region_code = '" + region + "'")
                .first()
                .getString(0);
    }
}
