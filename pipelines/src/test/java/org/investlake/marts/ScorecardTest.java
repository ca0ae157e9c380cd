package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.marts.MartFixtures.d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.region_scorecard on a hand-made case: growth of all 13 units over four periods (one statistics
 * file with a 统计期 column), key projects and special bonds only in 2023-06. Weights 40/30/15/15,
 * bottom 3 for 3 periods → 约谈 (config/targets/2023.yaml). Each score = weight × clamp(ratio, 0, 1.2) / 1.2.
 *
 * <p>Growth (%) and ratio r = growth / target; in 1-3月..1-5月 only statistics exist, so the total is the
 * FAI score rescaled from 40 to 100: 100 × r / 1.2 (r 1.2 → 100, 1.1 → 91.67, 1.0 → 83.33, 0.9 → 75,
 * 0.8 → 66.67, 0.7 → 58.33, 0.6 → 50, 0.5 → 41.67, 0.4 → 33.33, 0.3 → 25, 0.2 → 16.67, 0.1 → 8.33, ≤ 0 → 0):
 * <pre>
 *            target  1-3月 (r, rank)   1-4月            1-5月            1-6月 growth, r
 * 桃城区     7.5     9.0 1.2  1        9.0 1.2  1       9.0 1.2  1       9.0 1.2
 * 冀州区     7.0     7.7 1.1  2        7.0 1.0  2=      7.7 1.1  2       8.4 1.2
 * 枣强县     7.5     7.5 1.0  3        7.5 1.0  2=      7.5 1.0  3       9.0 1.2
 * 武邑县     7.0    -1.0 <0  13  B     2.1 0.3 10       2.1 0.3 10       2.1 0.3
 * 深州市     7.0     6.3 0.9  4        6.3 0.9  4       6.3 0.9  4       7.7 1.1
 * 武强县     8.0     5.6 0.7  6        5.6 0.7  6       5.6 0.7  6       7.2 0.9
 * 饶阳县     7.0     0.7 0.1 12  B    -2.0 <0  13  B   -0.5 <0  13  B   -0.7 <0
 * 安平县     7.0     3.5 0.5  8        3.5 0.5  8       2.8 0.4  9       4.9 0.7
 * 故城县     7.5     6.0 0.8  5        6.0 0.8  5       6.0 0.8  5       7.5 1.0
 * 景县       7.0     1.4 0.2 11  B     0.7 0.1 12  B    0.7 0.1 12  B    3.5 0.5
 * 阜城县     7.0     2.1 0.3 10        1.4 0.2 11  B    3.5 0.5  8       4.2 0.6
 * 衡水高新区 7.5     3.0 0.4  9        3.0 0.4  9       1.5 0.2 11  B    3.0 0.4
 * 滨湖新区   8.5     5.1 0.6  7        5.1 0.6  7       5.1 0.6  7       6.8 0.8
 * </pre>
 * (B = bottom 3; in 1-4月 冀州区 and 枣强县 tie at 83.33 and share rank 2, the next is 4.)
 *
 * <p>2023-06 adds (time progress 0.5):
 * <ul>
 *   <li>桃城区 key projects (target 45亿 = 450000万): a 续建 one with 225000 done and a 新开工 one planned 2023-03,
 *       started 2023-04, 0 done → attainment 225000/450000 = 0.5 → ratio 1 → key 30/1.2 = 25; key start rate 1/1;
 *       bonds: 4000 done of 8000 planned = 0.5 → ratio 1 → bond 15/1.2 = 12.5; bond start rate 1/1 →
 *       start 15 × (1 + 1)/2 = 15. Total 40 + 25 + 12.5 + 15 = 92.50 (all four components).</li>
 *   <li>冀州区: one 新开工 key project planned 2023-04, not started, 0 done → key 0, start rate 0/1 → start 0;
 *       no bonds → total = 40 × 100 / (40+30+15) = 47.06.</li>
 *   <li>饶阳县: no key projects (attainment 0 → key 0); bonds 600 + 0 done of 6000 + 4000 = 0.06 → ratio 0.12 →
 *       15 × 0.12 / 1.2 = 1.50; bond start rate 1/2 → start 15 × 0.5 = 7.50; FAI −0.7/7.0 below 0 → 0;
 *       total 0 + 0 + 1.5 + 7.5 = 9.00.</li>
 *   <li>枣强县 (target 33亿 = 330000万): one 续建 key project with 143880 done → attainment 143880/330000 =
 *       0.436 → ratio 0.872 → key 30 × 0.872/1.2 = 21.80; no planned starts, no bonds → no start rate;
 *       total (40 + 21.8) × 100 / 70 = 88.29.</li>
 *   <li>the other nine: key 0, no bonds and no start rates → total = FAI × 100 / 70 = 47.619 × r.</li>
 * </ul>
 * The ranks of 1-3月..1-5月 (every unit without key projects and bonds alike) and June's 桃城区 (1), 阜城县 (9),
 * 景县 (10), 衡水高新区 (11), 武邑县 (12) and 饶阳县 (13) come out the same whether or not empty components
 * are rescaled.
 */
class ScorecardTest extends SparkTest {
    /** Growth per unit in 1-3月, 1-4月, 1-5月, 1-6月 (the table above). */
    private static final String[][] GROWTH = {
        {"桃城区", "9.0", "9.0", "9.0", "9.0"},
        {"冀州区", "7.7", "7.0", "7.7", "8.4"},
        {"枣强县", "7.5", "7.5", "7.5", "9.0"},
        {"武邑县", "-1.0", "2.1", "2.1", "2.1"},
        {"深州市", "6.3", "6.3", "6.3", "7.7"},
        {"武强县", "5.6", "5.6", "5.6", "7.2"},
        {"饶阳县", "0.7", "-2.0", "-0.5", "-0.7"},
        {"安平县", "3.5", "3.5", "2.8", "4.9"},
        {"故城县", "6.0", "6.0", "6.0", "7.5"},
        {"景县", "1.4", "0.7", "0.7", "3.5"},
        {"阜城县", "2.1", "1.4", "3.5", "4.2"},
        {"衡水高新区", "3.0", "3.0", "1.5", "3.0"},
        {"滨湖新区", "5.1", "5.1", "5.1", "6.8"},
        {"全市", "5.0", "5.0", "5.0", "6.0"},
    };

    private static final String[] PERIODS = {"2023年1-3月", "2023年1-4月", "2023年1-5月", "2023年1-6月"};

    private static final String SCORES = "period STRING, region_code STRING, fai_growth_score DECIMAL(6,2), "
            + "key_project_score DECIMAL(6,2), bond_completion_score DECIMAL(6,2), start_rate_score DECIMAL(6,2), "
            + "total_score DECIMAL(6,2), rank INT, bottom_streak INT, interview_flag BOOLEAN";

    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        List<String> stats = new ArrayList<>();
        stats.add("统计期,县市区,累计增速(%)");
        for (int p = 0; p < PERIODS.length; p++) {
            for (String[] unit : GROWTH) {
                stats.add(PERIODS[p] + "," + unit[0] + "," + unit[p + 1]);
            }
        }
        MartFixtures.loadAll(
                w,
                TestFiles.utf8(in, "2023年1-6月各县市区固定资产投资增速.csv", stats.toArray(String[]::new)),
                MartFixtures.projects(
                        in,
                        "2023年6月重点项目.csv",
                        "2201-131102-04-01-800001,桃城高端装备园,桃城区,工业,省重点,省重点项目库,续建,500000,450000,225000,2022-05,2022-06,否,王市长,桃城区发改局,2023-06",
                        "2302-131102-05-01-800002,桃城城市更新,桃城区,市政基础设施,市重点,市重点项目库,新开工,20000,10000,0,2023-03,2023-04,否,王市长,桃城区住建局,2023-06",
                        "2303-131103-01-01-800003,冀州种业园,冀州区,农业,市重点,市重点项目库,新开工,100000,50000,0,2023-04,,否,李副市长,冀州区农业农村局,2023-06",
                        "2201-131121-04-01-800004,枣强县复合材料产业园,枣强县,工业,市重点,市重点项目库,续建,300000,200000,143880,2022-03,2022-04,否,刘副县长,枣强县人民政府,2023-06"),
                MartFixtures.bonds(
                        in,
                        "2023年6月专项债券项目进展.csv",
                        "2208-131102-05-01-900001,桃城区棚户区改造,桃城区,2023年第一批,10000,2023-02-15,8000,4000,5000,已开工,2023-06",
                        "2209-131124-06-01-900002,饶阳县水系连通,饶阳县,2023年第一批,6000,2023-02-15,6000,600,1000,已开工,2023-06",
                        "2210-131124-05-01-900003,饶阳县污水管网,饶阳县,2023年第二批,4000,2023-05-20,4000,0,0,未开工,2023-06"));
        BuildJob.on(w).execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void unitsWithEveryComponentScoreByHand() {
        assertDataFrameEquals(
                rows(
                        SCORES,
                        // 桃城区, all four components: 40 + 25 + 12.5 + 15 = 92.50
                        row("2023-06", "131102", "40.00", "25.00", "12.50", "15.00", "92.50", 1, 0, false),
                        // 饶阳县: 0 + 0 + 1.50 + 7.50 = 9.00, last for the fourth period running
                        row("2023-06", "131124", "0.00", "0.00", "1.50", "7.50", "9.00", 13, 4, true)),
                select("period = '2023-06' AND region_code IN ('131102', '131124')"));
    }

    @Test
    void componentsWithoutDataAreEmptyAndTheTotalIsRescaled() {
        assertDataFrameEquals(
                rows(
                        SCORES,
                        // 1-3月, statistics only: 7.7/7.0 = 1.1 → 40 × 1.1/1.2 = 36.67; total 100 × 1.1/1.2 = 91.67
                        row("2023-03", "131103", "36.67", null, null, null, "91.67", 2, 0, false),
                        // 武邑县 −1.0 → ratio below 0 → 0 points, last
                        row("2023-03", "131122", "0.00", null, null, null, "0.00", 13, 1, false),
                        // 1-4月: 冀州区 7.0/7.0 and 枣强县 7.5/7.5 both 1.0 → 33.33, total 83.33, both rank 2
                        row("2023-04", "131103", "33.33", null, null, null, "83.33", 2, 0, false),
                        row("2023-04", "131121", "33.33", null, null, null, "83.33", 2, 0, false),
                        // then 深州市 6.3/7.0 = 0.9 → 30.00, total 75.00, rank 4
                        row("2023-04", "131182", "30.00", null, null, null, "75.00", 4, 0, false),
                        // June, no bonds: (40 + 0 + 0) × 100 / 85 = 47.06
                        row("2023-06", "131103", "40.00", "0.00", null, "0.00", "47.06", 5, 0, false),
                        // 9.0/7.5 = 1.2 → 40; key 21.80 (class comment); no start rates, no bonds: 61.8 × 100/70 =
                        // 88.29
                        row("2023-06", "131121", "40.00", "21.80", null, null, "88.29", 2, 0, false),
                        // 2.1/7.0 = 0.3 → 10.00; 10 × 100/70 = 14.29
                        row("2023-06", "131122", "10.00", "0.00", null, null, "14.29", 12, 1, false),
                        // 3.5/7.0 = 0.5 → 16.67; 16.667 × 100/70 = 23.81
                        row("2023-06", "131127", "16.67", "0.00", null, null, "23.81", 10, 0, false),
                        // 3.0/7.5 = 0.4 → 13.33; 13.333 × 100/70 = 19.05
                        row("2023-06", "131171", "13.33", "0.00", null, null, "19.05", 11, 2, false)),
                select(
                        "(period = '2023-03' AND region_code IN ('131103', '131122')) "
                                + "OR (period = '2023-04' AND region_code IN ('131103', '131121', '131182')) "
                                + "OR (period = '2023-06' AND region_code IN ('131103', '131121', '131122', '131127', '131171'))"));
    }

    @Test
    void juneRanksAllThirteenUnits() {
        // totals from the class comment: 47.619 × r for the nine without key projects or bonds
        assertDataFrameEquals(
                rows(
                        "region_code STRING, total_score DECIMAL(6,2), rank INT",
                        new Object[] {"131102", d("92.50"), 1}, // 桃城区
                        new Object[] {"131121", d("88.29"), 2}, // 枣强县 (40 + 21.8) × 100/70
                        new Object[] {"131182", d("52.38"), 3}, // 深州市 r 1.1
                        new Object[] {"131126", d("47.62"), 4}, // 故城县 r 1.0
                        new Object[] {"131103", d("47.06"), 5}, // 冀州区 40 × 100/85
                        new Object[] {"131123", d("42.86"), 6}, // 武强县 r 0.9
                        new Object[] {"131172", d("38.10"), 7}, // 滨湖新区 r 0.8
                        new Object[] {"131125", d("33.33"), 8}, // 安平县 r 0.7
                        new Object[] {"131128", d("28.57"), 9}, // 阜城县 r 0.6
                        new Object[] {"131127", d("23.81"), 10}, // 景县 r 0.5
                        new Object[] {"131171", d("19.05"), 11}, // 衡水高新区 r 0.4
                        new Object[] {"131122", d("14.29"), 12}, // 武邑县 r 0.3
                        new Object[] {"131124", d("9.00"), 13}), // 饶阳县
                spark().sql("SELECT region_code, total_score, rank FROM gold.region_scorecard WHERE period = '2023-06' "
                        + "ORDER BY rank, region_code"));
    }

    @Test
    void equalTotalsShareARank() {
        // 1-4月: 冀州区 7.0/7.0 and 枣强县 7.5/7.5 are both exactly on target → equal totals, both rank 2;
        // 深州市 (0.9) is next with rank 4, and no unit has rank 3
        List<Row> rows = spark().sql(
                        "SELECT region_code, total_score, rank FROM gold.region_scorecard "
                                + "WHERE period = '2023-04' AND region_code IN ('131103', '131121', '131182') ORDER BY region_code")
                .collectAsList();
        assertThat(rows.get(0).getDecimal(1))
                .as("冀州区 and 枣强县 totals")
                .isEqualByComparingTo(rows.get(1).getDecimal(1));
        assertThat(rows.stream().map(r -> r.getString(0) + ":" + r.getInt(2)).toList())
                .as("ranks in 1-4月")
                .containsExactly("131103:2", "131121:2", "131182:4");
        assertThat(spark().sql("SELECT count(*) FROM gold.region_scorecard WHERE period = '2023-04' AND rank = 3")
                        .first()
                        .getLong(0))
                .as("rank 3 in 1-4月 (after the tie at 2)")
                .isZero();
    }

    @Test
    void ranksArePermutationsWithoutTies() {
        for (String period : List.of("2023-03", "2023-05", "2023-06")) {
            assertThat(spark()
                            .sql("SELECT rank FROM gold.region_scorecard WHERE period = '" + period + "' ORDER BY rank")
                            .collectAsList()
                            .stream()
                            .map(r -> r.getInt(0))
                            .toList())
                    .as("ranks of %s", period)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 13).boxed().toList());
        }
    }

    @Test
    void interviewFlagAfterThreeConsecutivePeriodsInTheBottomThree() {
        assertDataFrameEquals(
                rows(
                        "period STRING, region_code STRING, rank INT, bottom_streak INT, interview_flag BOOLEAN",
                        // 武邑县: bottom in 1-3月, out in 1-4月 and 1-5月 (rank 10), bottom again in 1-6月 → the count
                        // restarts
                        new Object[] {"2023-03", "131122", 13, 1, false},
                        new Object[] {"2023-04", "131122", 10, 0, false},
                        new Object[] {"2023-05", "131122", 10, 0, false},
                        new Object[] {"2023-06", "131122", 12, 1, false},
                        // 饶阳县: bottom 3 in every period → flagged in the third (1-5月), not before, and still in 1-6月
                        new Object[] {"2023-03", "131124", 12, 1, false},
                        new Object[] {"2023-04", "131124", 13, 2, false},
                        new Object[] {"2023-05", "131124", 13, 3, true},
                        new Object[] {"2023-06", "131124", 13, 4, true},
                        // 景县: bottom in 1-3月..1-5月 → flagged in 1-5月; out in 1-6月 (rank 10) → streak 0, no flag
                        new Object[] {"2023-03", "131127", 11, 1, false},
                        new Object[] {"2023-04", "131127", 12, 2, false},
                        new Object[] {"2023-05", "131127", 12, 3, true},
                        new Object[] {"2023-06", "131127", 10, 0, false},
                        // 阜城县: only 1-4月 in the bottom
                        new Object[] {"2023-03", "131128", 10, 0, false},
                        new Object[] {"2023-04", "131128", 11, 1, false},
                        new Object[] {"2023-05", "131128", 8, 0, false},
                        new Object[] {"2023-06", "131128", 9, 0, false}),
                spark().sql(
                                "SELECT period, region_code, rank, bottom_streak, interview_flag FROM gold.region_scorecard "
                                        + "WHERE region_code IN ('131122', '131124', '131127', '131128') ORDER BY region_code, period"));
        // exactly the two units are flagged in 1-5月, one in 1-6月
        assertThat(spark()
                        .sql("SELECT period, count_if(interview_flag) FROM gold.region_scorecard GROUP BY period "
                                + "ORDER BY period")
                        .collectAsList()
                        .stream()
                        .map(r -> r.getString(0) + "=" + r.getLong(1))
                        .toList())
                .as("flagged units per period")
                .containsExactly("2023-03=0", "2023-04=0", "2023-05=2", "2023-06=1");
    }

    @Test
    void reasonsSayEverythingInPercentagePoints() {
        // 枣强县 June: 43.6% of its target against 50.0% time progress → 50.0 − 43.6 = 6.4 points; bonds and
        // start rates have no data, so the total was rescaled over 40 + 30
        assertThat(reason("2023-06", "131121"))
                .as("枣强县 1-6月")
                .isEqualTo("综合得分88.29,第2名;未计入专项债完成率得分、开工率得分(无数据),总分按其余分项权重折算为百分制;"
                        + "重点项目完成目标的43.6%,低于序时进度(50.0%)6.4个百分点");
        // 饶阳县 June, every component: growth −0.7 vs 7.0 → 7.7 points under; no key projects → 0.0% of the
        // target, 50.0 points under; bonds 600/10000 = 6.0%, 44.0 points under; bond start rate 1/2 = 50.0%
        assertThat(reason("2023-06", "131124"))
                .as("饶阳县 1-6月")
                .isEqualTo("综合得分9.00,第13名;投资增速-0.7%,低于目标(7.0%)7.7个百分点;"
                        + "重点项目完成目标的0.0%,低于序时进度(50.0%)50.0个百分点;"
                        + "专项债项目完成率6.0%,低于序时进度(50.0%)44.0个百分点;开工率偏低(专项债项目50.0%);"
                        + "连续4期排名后3位,约谈");
        // 饶阳县 1-5月, statistics only: −0.5 vs 7.0 → 7.5 points; third period in the bottom 3
        assertThat(reason("2023-05", "131124"))
                .as("饶阳县 1-5月")
                .isEqualTo("综合得分0.00,第13名;未计入重点项目得分、专项债完成率得分、开工率得分(无数据),总分按其余分项权重折算为百分制;"
                        + "投资增速-0.5%,低于目标(7.0%)7.5个百分点;连续3期排名后3位,约谈");
        assertThat(reason("2023-04", "131127"))
                .as("景县 1-4月, two periods only")
                .contains("第12名")
                .doesNotContain("约谈");
    }

    @Test
    void eachLeftOutComponentSaysWhy() {
        assertDataFrameEquals(
                rows(
                        "period STRING, region_code STRING, fai_growth_score_note STRING, key_project_score_note STRING, "
                                + "bond_completion_score_note STRING, start_rate_score_note STRING, total_score_note STRING",
                        // 1-3月: no project-library export and no bond report at all that month
                        new Object[] {
                            "2023-03",
                            "131103",
                            null,
                            "本月未报送项目库数据",
                            "本月未报送专项债券数据",
                            "重点项目开工率无数据(本月未报送项目库数据),专项债项目开工率无数据(本月未报送专项债券数据)",
                            null
                        },
                        // 冀州区 June: bonds were reported, but it has none; its start score uses its key projects only
                        new Object[] {"2023-06", "131103", null, null, "无专项债券项目", "仅按重点项目开工率计算:无专项债券项目", null},
                        // 枣强县 June: its one key project is 续建 (no planned start), and it has no bonds
                        new Object[] {
                            "2023-06",
                            "131121",
                            null,
                            null,
                            "无专项债券项目",
                            "重点项目开工率无数据(截至本月无计划开工的新开工重点项目),专项债项目开工率无数据(无专项债券项目)",
                            null
                        },
                        // 饶阳县 June: every score has a value; the start score uses its bonds only
                        new Object[] {"2023-06", "131124", null, null, null, "仅按专项债项目开工率计算:无重点项目", null}),
                spark().sql("SELECT period, region_code, fai_growth_score_note, key_project_score_note, "
                        + "bond_completion_score_note, start_rate_score_note, total_score_note FROM gold.region_scorecard "
                        + "WHERE (period = '2023-03' AND region_code = '131103') "
                        + "OR (period = '2023-06' AND region_code IN ('131103', '131121', '131124')) "
                        + "ORDER BY period, region_code"));
        // over the whole table: no empty score without its note, no empty reason
        assertThat(spark().sql("SELECT period, region_code FROM gold.region_scorecard WHERE "
                                + "(fai_growth_score IS NULL AND fai_growth_score_note IS NULL) "
                                + "OR (key_project_score IS NULL AND key_project_score_note IS NULL) "
                                + "OR (bond_completion_score IS NULL AND bond_completion_score_note IS NULL) "
                                + "OR (start_rate_score IS NULL AND start_rate_score_note IS NULL) "
                                + "OR (total_score IS NULL AND total_score_note IS NULL) "
                                + "OR reason IS NULL OR reason = ''")
                        .collectAsList())
                .as("rows with an empty score and no note, or no reason")
                .isEmpty();
    }

    private static String reason(String period, String region) {
        return spark().sql("SELECT reason FROM gold.region_scorecard WHERE period = '" + period
                        + "' AND region_code = '" + region + "'")
                .first()
                .getString(0);
    }

    @Test
    void bondAndKeyProjectMartsHaveNoRowsInStatisticsOnlyPeriods() {
        // projects and bonds exist only for 2023-06: the other periods have no key-project or bond rows
        assertThat(spark().sql("SELECT DISTINCT period FROM gold.bond_progress").collectAsList().stream()
                        .map(r -> r.getString(0))
                        .toList())
                .as("bond periods")
                .containsExactly("2023-06");
        assertThat(spark().sql("SELECT DISTINCT period FROM gold.key_project_progress").collectAsList().stream()
                        .map(r -> r.getString(0))
                        .toList())
                .as("key-project periods")
                .containsExactly("2023-06");
    }

    private static Dataset<Row> select(String where) {
        return spark().sql("SELECT period, region_code, fai_growth_score, key_project_score, bond_completion_score, "
                + "start_rate_score, total_score, rank, bottom_streak, interview_flag FROM gold.region_scorecard WHERE "
                + where + " ORDER BY period, region_code");
    }

    private static Object[] row(
            String period,
            String code,
            String fai,
            String key,
            String bond,
            String start,
            String total,
            Integer rank,
            Integer streak,
            Boolean flag) {
        return new Object[] {period, code, d(fai), d(key), d(bond), d(start), d(total), rank, streak, flag};
    }
}
