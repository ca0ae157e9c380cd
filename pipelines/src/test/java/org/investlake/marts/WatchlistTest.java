package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.marts.MartFixtures.d;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.project_watchlist: the boundaries of the traffic light (docs/contract.md "Metrics and rules", rules.traffic_light of
 * config/targets/2023.yaml: red > 30 points behind or ≥ 3 months late, yellow > 10 and ≤ 30 behind or
 * 1–2 months late) in June, where time progress is 6/12 = 0.5, on one hand-made export holding 报送月份
 * 2023-05 (W1, W12) and 2023-06 (W1–W11). Amounts in 万元:
 *
 * <pre>
 *     code suffix  total  plan   June done  completion  behind (50 − completion%)  planned / actual   light
 * W1  700001       50000  10000  4000       0.4         10.0 (not > 10)            2022-10 / 2022-11  green
 * W2  700002       50000  10000  3990       0.399       10.1                       2022-10 / 2022-11  yellow
 * W3  700003       50000  10000  2000       0.2         30.0 (not > 30)            2022-10 / 2022-11  yellow
 * W4  700004       50000  10000  1990       0.199       30.1                       2022-10 / 2022-11  red
 * W5  700005       30000   8000     0       0           —                          2023-05 / —  1 month late   yellow
 * W6  700006       30000   8000     0       0           —                          2023-04 / —  2 months late  yellow
 * W7  700007       30000   8000     0       0           —                          2023-03 / —  3 months late  red
 * W8  700008       30000   8000     0       0           — (not started)            2023-08 / —  still ahead    green
 * W9  700009       30000   8000     0       0           —                          2023-06 / —  this month     green
 * W10 700010        5000   4000  2000       0.5         0.0                        2022-12 / 2023-01  green (exactly 5000万: listed)
 * W11 700011        4999   4000     0       —           —                          2023-01 / —  under 5000万: not listed
 * W12 700012       60000  20000  (May only: missing from the June export)
 * </pre>
 *
 * <p>And six June projects whose light cannot be judged, each grey with the reason naming what is missing
 * (on the old SQL W13, W14, W17 were green 进度正常, W15 green with an empty reason, W16 red as 8 months late):
 *
 * <pre>
 *     code suffix  stage   plan   done  planned / actual   missing
 * W13 700013       续建    —      3000  2022-10 / 2022-11  annual plan
 * W14 700014       续建    10000  —     2022-10 / 2022-11  completed
 * W15 700015       新开工  8000   0     — / —              planned start (not started)
 * W16 700016       续建    10000  3000  2022-10 / —        actual start of a 续建 project
 * W17 700017       续建    0      3000  2022-10 / 2022-11  a plan of 0
 * W18 700018       续建    —      —     2022-10 / 2022-11  both; no leader, no unit either
 * </pre>
 * W19 (700019) leaves its stage blank and has not started, planned 2023-01: a blank stage does not excuse
 * it — 5 months late, red.
 */
class WatchlistTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        MartFixtures.load(
                w,
                MartFixtures.projects(
                        dir.resolve("in"),
                        "2023年5-6月调度项目.csv",
                        "2301-131102-04-01-700001,桃城精密铸造,桃城区,工业,省重点,省重点项目库,续建,50000,10000,3000,2022-10,2022-11,否,王市长,桃城区发改局,2023-05",
                        "2212-131128-07-01-700012,阜城县物流园,阜城县,交通运输,市重点,市重点项目库,续建,60000,20000,5000,2022-12,2023-01,否,钱副市长,阜城县交通局,2023-05",
                        "2301-131102-04-01-700001,桃城精密铸造,桃城区,工业,省重点,省重点项目库,续建,50000,10000,4000,2022-10,2022-11,否,王市长,桃城区发改局,2023-06",
                        "2301-131102-04-01-700002,桃城轴承产业园,桃城区,工业,省重点,省重点项目库,续建,50000,10000,3990,2022-10,2022-11,否,王市长,桃城区发改局,2023-06",
                        "2301-131103-04-01-700003,冀州采暖铸造园,冀州区,工业,市重点,市重点项目库,续建,50000,10000,2000,2022-10,2022-11,否,李副市长,冀州区发改局,2023-06",
                        "2301-131103-04-01-700004,冀州玻璃钢产业园,冀州区,工业,市重点,市重点项目库,续建,50000,10000,1990,2022-10,2022-11,否,李副市长,冀州区发改局,2023-06",
                        "2302-131121-05-01-700005,枣强县城雨污分流,枣强县,市政基础设施,市重点,市重点项目库,新开工,30000,8000,0,2023-05,,否,孙市长,枣强县住建局,2023-06",
                        "2302-131121-05-01-700006,枣强县供热管网,枣强县,市政基础设施,市重点,市重点项目库,新开工,30000,8000,0,2023-04,,否,孙市长,枣强县住建局,2023-06",
                        "2302-131122-05-01-700007,武邑县污水处理厂,武邑县,市政基础设施,市重点,市重点项目库,新开工,30000,8000,0,2023-03,,否,周副市长,武邑县住建局,2023-06",
                        "2303-131122-02-01-700008,武邑县城乡公交枢纽,武邑县,交通运输,一般,一般项目库,新开工,30000,8000,0,2023-08,,否,周副市长,武邑县交通局,2023-06",
                        "2303-131127-02-01-700009,景县物流港,景县,交通运输,市重点,市重点项目库,新开工,30000,8000,0,2023-06,,否,吴局长,景县交通局,2023-06",
                        "2303-131127-06-01-700010,景县灌区节水改造,景县,水利,一般,一般项目库,续建,5000,4000,2000,2022-12,2023-01,否,吴局长,景县水务局,2023-06",
                        "2303-131127-06-01-700011,景县小型水库除险,景县,水利,一般,一般项目库,新开工,4999,4000,0,2023-01,,否,吴局长,景县水务局,2023-06",
                        "2301-131102-04-01-700013,桃城智能仓储,桃城区,工业,市重点,市重点项目库,续建,50000,,3000,2022-10,2022-11,否,张副市长,市工业和信息化局,2023-06",
                        "2301-131102-04-01-700014,桃城食品产业园,桃城区,工业,市重点,市重点项目库,续建,50000,10000,,2022-10,2022-11,否,张副市长,桃城区人民政府,2023-06",
                        "2302-131121-05-01-700015,枣强县城区道路改造,枣强县,市政基础设施,一般,一般项目库,新开工,30000,8000,0,,,否,刘副县长,枣强县住房和城乡建设局,2023-06",
                        "2301-131103-04-01-700016,冀州新材料园,冀州区,工业,市重点,市重点项目库,续建,50000,10000,3000,2022-10,,否,李副市长,冀州区人民政府,2023-06",
                        "2301-131103-04-01-700017,冀州装备制造园,冀州区,工业,市重点,市重点项目库,续建,50000,0,3000,2022-10,2022-11,否,李副市长,冀州区人民政府,2023-06",
                        "2301-131103-04-01-700018,冀州物流中心,冀州区,交通运输,一般,一般项目库,续建,50000,,,2022-10,2022-11,否,,,2023-06",
                        "2301-131103-04-01-700019,冀州电子元件园,冀州区,工业,一般,一般项目库,,50000,10000,0,2023-01,,否,李副市长,冀州区人民政府,2023-06"));
        BuildJob.on(w).marts("project_watchlist").execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void juneLightsAtEveryBoundary() {
        assertDataFrameEquals(
                rows(
                        "project_code STRING, total_investment_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), "
                                + "completion_rate DOUBLE, time_progress DOUBLE, light STRING",
                        // 4000/10000 = 0.4: behind 50 − 40 = 10.0, not more than 10 → green
                        new Object[] {"2301-131102-04-01-700001", d("50000.00"), d("4000.00"), 0.4, 0.5, "green"},
                        // 3990/10000 = 0.399: 10.1 behind → yellow
                        new Object[] {"2301-131102-04-01-700002", d("50000.00"), d("3990.00"), 0.399, 0.5, "yellow"},
                        // 0.2: exactly 30 behind, not more than 30 → yellow
                        new Object[] {"2301-131103-04-01-700003", d("50000.00"), d("2000.00"), 0.2, 0.5, "yellow"},
                        // 0.199: 30.1 behind → red
                        new Object[] {"2301-131103-04-01-700004", d("50000.00"), d("1990.00"), 0.199, 0.5, "red"},
                        // not started, planned 2023-05: 1 month late → yellow; 2023-04: 2 months → yellow; 2023-03: 3 →
                        // red
                        new Object[] {"2302-131121-05-01-700005", d("30000.00"), d("0.00"), 0.0, 0.5, "yellow"},
                        new Object[] {"2302-131121-05-01-700006", d("30000.00"), d("0.00"), 0.0, 0.5, "yellow"},
                        new Object[] {"2302-131122-05-01-700007", d("30000.00"), d("0.00"), 0.0, 0.5, "red"},
                        // planned 2023-08, still ahead: green although nothing is done (50 points "behind")
                        new Object[] {"2303-131122-02-01-700008", d("30000.00"), d("0.00"), 0.0, 0.5, "green"},
                        // planned this very month (0 months late) → green
                        new Object[] {"2303-131127-02-01-700009", d("30000.00"), d("0.00"), 0.0, 0.5, "green"},
                        // exactly 5000万 is listed; 2000/4000 = 0.5, on time → green
                        new Object[] {"2303-131127-06-01-700010", d("5000.00"), d("2000.00"), 0.5, 0.5, "green"}),
                // W11 (4999万) is absent: under the 5000万 of rules.dispatch
                spark().sql(
                                "SELECT project_code, total_investment_wan, completed_ytd_wan, round(completion_rate, 6) AS "
                                        + "completion_rate, time_progress, light FROM gold.project_watchlist WHERE period = '2023-06' "
                                        + "AND substr(project_code, 19) < '700013' ORDER BY project_code"));
    }

    @Test
    void reasonsSayWhyInChinese() {
        Map<String, String> reason = spark()
                .sql("SELECT project_code, reason FROM gold.project_watchlist " + "WHERE period = '2023-06'")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getString(0).substring(18), r -> r.getString(1)));
        assertThat(reason.get("700001"))
                .as("W1, on the boundary")
                .contains("进度正常")
                .doesNotContain("落后");
        // completion against time progress in percentage points: 50.0 − 39.9 = 10.1, 50.0 − 20.0 = 30.0,
        // 50.0 − 19.9 = 30.1 (the old wording 落后序时进度50.0% read as "behind by 50%")
        assertThat(reason.get("700002")).as("W2").isEqualTo("完成率39.9%,低于序时进度(50.0%)10.1个百分点");
        assertThat(reason.get("700003")).as("W3").isEqualTo("完成率20.0%,低于序时进度(50.0%)30.0个百分点");
        assertThat(reason.get("700004")).as("W4").isEqualTo("完成率19.9%,低于序时进度(50.0%)30.1个百分点");
        assertThat(reason.get("700005")).as("W5").contains("计划2023-05开工").contains("已逾期1个月未开工");
        assertThat(reason.get("700006")).as("W6").contains("计划2023-04开工").contains("已逾期2个月未开工");
        assertThat(reason.get("700007")).as("W7").contains("计划2023-03开工").contains("已逾期3个月未开工");
        // not started and not late: the completion rule does not judge it
        assertThat(reason.get("700008"))
                .as("W8")
                .contains("计划2023-08开工")
                .contains("未逾期")
                .doesNotContain("完成率");
        assertThat(reason.get("700009")).as("W9").contains("计划2023-06开工").contains("未逾期");
        // W19: no stage, not started, planned 2023-01 → 2023-06 is 5 months later
        assertThat(reason.get("700019")).as("W19").isEqualTo("计划2023-01开工,已逾期5个月未开工");
        assertThat(spark().sql("SELECT light FROM gold.project_watchlist WHERE project_code = "
                                + "'2301-131103-04-01-700019'")
                        .first()
                        .getString(0))
                .as("W19 light (5 ≥ 3 months late)")
                .isEqualTo("red");
        // W10: 2000/4000 = 50.0% = 6/12, level with time progress
        assertThat(reason.get("700010")).as("W10").isEqualTo("完成率50.0%,与序时进度持平;进度正常");
        // W1: 50.0 − 40.0 = 10.0 points under, not more than 10 → green
        assertThat(reason.get("700001")).as("W1").isEqualTo("完成率40.0%,低于序时进度(50.0%)10.0个百分点;进度正常");
    }

    @Test
    void missingInputsGiveAGreyLightThatSaysWhatIsMissing() {
        assertDataFrameEquals(
                rows(
                        "project_code STRING, completion_rate DOUBLE, completion_rate_note STRING, light STRING, reason STRING",
                        // W13: started, no annual plan → no rate, grey
                        new Object[] {"2301-131102-04-01-700013", null, "缺少年度计划投资数据", "grey", "缺少年度计划投资数据,无法判断进度"},
                        // W14: started, no completed investment
                        new Object[] {"2301-131102-04-01-700014", null, "缺少累计完成投资数据", "grey", "缺少累计完成投资数据,无法判断进度"},
                        // W16: 续建 without its actual start: neither "not started, 8 months late" nor judged; its rate
                        // 3000/10000 = 0.3 is still shown
                        new Object[] {"2301-131103-04-01-700016", 0.3, null, "grey", "建设性质为续建,但缺少实际开工时间,无法判断进度"},
                        // W17: a plan of 0 gives no rate (3000/0)
                        new Object[] {
                            "2301-131103-04-01-700017", null, "年度计划投资为0,无法计算完成率", "grey", "年度计划投资为0,无法计算完成率,无法判断进度"
                        },
                        // W18: both missing
                        new Object[] {
                            "2301-131103-04-01-700018",
                            null,
                            "缺少年度计划投资数据和累计完成投资数据",
                            "grey",
                            "缺少年度计划投资数据和累计完成投资数据,无法判断进度"
                        },
                        // W15: not started and no planned start month: lateness cannot be told; 0/8000 = 0.0
                        new Object[] {"2302-131121-05-01-700015", 0.0, null, "grey", "未开工且缺少计划开工时间,无法判断是否逾期"}),
                spark().sql("SELECT project_code, completion_rate, completion_rate_note, light, reason "
                        + "FROM gold.project_watchlist WHERE period = '2023-06' AND substr(project_code, 19) BETWEEN '700013' AND '700018' "
                        + "ORDER BY project_code"));
    }

    @Test
    void noReasonIsEmptyAndNoMissingInputIsGreen() {
        // over the whole table (both months, all 19 rows): every light has a reason
        assertThat(spark().sql("SELECT period, project_code FROM gold.project_watchlist "
                                + "WHERE reason IS NULL OR trim(reason) = '' OR reason LIKE '%null%'")
                        .collectAsList())
                .as("rows without a reason")
                .isEmpty();
        // a started project without a completion rate is never green (nor yellow or red: nothing to judge)
        assertThat(spark().sql("SELECT project_code, light FROM gold.project_watchlist "
                                + "WHERE completion_rate IS NULL AND light <> 'grey' AND period = '2023-06'")
                        .collectAsList())
                .as("June rows with no completion rate that are not grey")
                .isEmpty();
        // the note is there exactly when the rate is not
        assertThat(spark().sql("SELECT project_code FROM gold.project_watchlist "
                                + "WHERE (completion_rate IS NULL) = (completion_rate_note IS NULL)")
                        .collectAsList())
                .as("rows whose completion_rate_note does not match an empty rate")
                .isEmpty();
    }

    @Test
    void leaderAndResponsibleUnitAreCarriedFromTheExport() {
        // the 包联领导 and 责任单位 cells of the fixture, as written; W18 leaves both blank → empty, not ''
        assertDataFrameEquals(
                rows(
                        "project_code STRING, leader STRING, responsible_unit STRING",
                        new Object[] {"2301-131102-04-01-700001", "王市长", "桃城区发改局"},
                        new Object[] {"2301-131102-04-01-700013", "张副市长", "市工业和信息化局"},
                        new Object[] {"2301-131102-04-01-700014", "张副市长", "桃城区人民政府"},
                        new Object[] {"2301-131103-04-01-700018", null, null},
                        new Object[] {"2302-131121-05-01-700015", "刘副县长", "枣强县住房和城乡建设局"}),
                spark().sql("SELECT project_code, leader, responsible_unit FROM gold.project_watchlist "
                        + "WHERE period = '2023-06' AND substr(project_code, 19) IN ('700001', '700013', '700014', "
                        + "'700015', '700018') ORDER BY project_code"));
    }

    @Test
    void aProjectMissingFromAMonthsExportHasNoRowThatMonth() {
        List<Row> rows = spark().sql("SELECT period, collect_set(substr(project_code, 19)) FROM gold.project_watchlist "
                        + "GROUP BY period ORDER BY period")
                .collectAsList();
        // May: W1 and W12; June: W1–W10 and W13–W19, without W12 (left out of the June export) and W11 (4999万)
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getString(0)).isEqualTo("2023-05");
        assertThat(rows.get(0).<String>getList(1)).as("May watchlist").containsExactlyInAnyOrder("700001", "700012");
        assertThat(rows.get(1).<String>getList(1))
                .as("June watchlist")
                .hasSize(17)
                .doesNotContain("700011", "700012");
        // May: time progress 5/12 = 0.416667; W12 done 5000/20000 = 0.25 → 16.7 behind → yellow;
        // W1 3000/10000 = 0.3 → 11.7 behind → yellow
        assertDataFrameEquals(
                rows(
                        "project_code STRING, completion_rate DOUBLE, time_progress DOUBLE, light STRING",
                        new Object[] {"2212-131128-07-01-700012", 0.25, 0.416667, "yellow"},
                        new Object[] {"2301-131102-04-01-700001", 0.3, 0.416667, "yellow"}),
                spark().sql("SELECT project_code, completion_rate, round(time_progress, 6) AS time_progress, light "
                        + "FROM gold.project_watchlist WHERE period = '2023-05' ORDER BY project_code"));
    }
}
