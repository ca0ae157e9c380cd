package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.marts.MartFixtures.d;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.key_project_progress on a hand-made project-library export holding two report months (报送月份
 * 2023-05 and 2023-06, one file so the class loads once). Amounts in 万元:
 *
 * <pre>
 *   code                      region  level   stage   plan   May: done  actual    June: done  actual   planned start
 * A 2301-131102-04-01-100001  桃城区  省重点  续建    60000       20000  2022-11          27500  2022-11  2022-10
 * B 2302-131102-02-01-100002  桃城区  市重点  新开工  20000        3000  2023-04           5000  2023-04  2023-03
 * C 2303-131102-05-01-100003  桃城区  市重点  新开工  10000           0  —                 1000  2023-06  2023-05
 * D 2304-131102-05-01-100004  桃城区  市重点  新开工  12000           0  —                    0  —        2023-08
 * E 2301-131102-10-01-100005  桃城区  一般    新开工  20000        5000  2023-02           7000  2023-02  2023-02  (not key: never counted)
 * F 2302-131103-01-01-200001  冀州区  省重点  新开工  24000           0  —                 8000  2023-06  2023-04
 * G 2212-131199-08-01-300001  市本级  市重点  续建    10000        4000  2022-08           5200  2022-08  2022-06
 * </pre>
 * Targets (config/targets/2023.yaml, 亿元): 桃城区 45, 冀州区 17, 武强县 24 (no key projects in May and June), 市本级 3,
 * 全市 370. Time progress: April 4/12 = 0.333333, May 5/12 = 0.416667, June 6/12 = 0.5.
 *
 * <p>April (报送月份 2023-04) holds only two 武强县 key projects whose clerk left figures blank:
 * <pre>
 *   code                      level   stage   plan  done  actual   planned start
 * H 2301-131123-04-01-400001  市重点  续建    —     1000  2022-11  2022-10
 * J 2302-131123-05-01-400002  市重点  新开工  —     —     —        —
 * </pre>
 */
class KeyProjectProgressTest extends SparkTest {
    private static final String COLUMNS = "period, region_code, projects, started, planned_starts, planned_started, "
            + "round(start_rate, 6) AS start_rate, annual_plan_wan, completed_ytd_wan, "
            + "round(completion_rate, 6) AS completion_rate, target_yi, round(target_attainment, 6) AS target_attainment, "
            + "round(time_progress, 6) AS time_progress, lag_pp";
    private static final String DDL =
            "period STRING, region_code STRING, projects INT, started INT, planned_starts INT, "
                    + "planned_started INT, start_rate DOUBLE, annual_plan_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), "
                    + "completion_rate DOUBLE, target_yi DECIMAL(10,2), target_attainment DOUBLE, time_progress DOUBLE, "
                    + "lag_pp DECIMAL(8,2)";
    private static final String SHOWN = "('131100', '131102', '131103', '131123', '131199')";

    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        MartFixtures.load(
                w,
                MartFixtures.projects(
                        in,
                        "2023年5-6月重点项目.csv",
                        "2301-131102-04-01-100001,桃城装备制造基地,桃城区,工业,省重点,省重点项目库,续建,200000,60000,20000,2022-10,2022-11,否,王市长,桃城区发改局,2023-05",
                        "2302-131102-02-01-100002,桃城快速路,桃城区,交通运输,市重点,市重点项目库,新开工,50000,20000,3000,2023-03,2023-04,否,李副市长,桃城区交通局,2023-05",
                        "2303-131102-05-01-100003,桃城污水管网,桃城区,市政基础设施,市重点,市重点项目库,新开工,30000,10000,0,2023-05,,否,李副市长,桃城区住建局,2023-05",
                        "2304-131102-05-01-100004,桃城口袋公园,桃城区,市政基础设施,市重点,市重点项目库,新开工,40000,12000,0,2023-08,,否,李副市长,桃城区住建局,2023-05",
                        "2301-131102-10-01-100005,桃城文旅街区,桃城区,文化旅游,一般,一般项目库,新开工,80000,20000,5000,2023-02,2023-02,否,赵局长,桃城区文旅局,2023-05",
                        "2302-131103-01-01-200001,冀州农业园,冀州区,农业,省重点,省重点项目库,新开工,60000,24000,0,2023-04,,否,孙市长,冀州区农业农村局,2023-05",
                        "2212-131199-08-01-300001,市直职教中心,市本级,教育,市重点,市重点项目库,续建,30000,10000,4000,2022-06,2022-08,否,周副市长,市教育局,2023-05",
                        "2301-131102-04-01-100001,桃城装备制造基地,桃城区,工业,省重点,省重点项目库,续建,200000,60000,27500,2022-10,2022-11,否,王市长,桃城区发改局,2023-06",
                        "2302-131102-02-01-100002,桃城快速路,桃城区,交通运输,市重点,市重点项目库,新开工,50000,20000,5000,2023-03,2023-04,否,李副市长,桃城区交通局,2023-06",
                        "2303-131102-05-01-100003,桃城污水管网,桃城区,市政基础设施,市重点,市重点项目库,新开工,30000,10000,1000,2023-05,2023-06,否,李副市长,桃城区住建局,2023-06",
                        "2304-131102-05-01-100004,桃城口袋公园,桃城区,市政基础设施,市重点,市重点项目库,新开工,40000,12000,0,2023-08,,否,李副市长,桃城区住建局,2023-06",
                        "2301-131102-10-01-100005,桃城文旅街区,桃城区,文化旅游,一般,一般项目库,新开工,80000,20000,7000,2023-02,2023-02,否,赵局长,桃城区文旅局,2023-06",
                        "2302-131103-01-01-200001,冀州农业园,冀州区,农业,省重点,省重点项目库,新开工,60000,24000,8000,2023-04,2023-06,否,孙市长,冀州区农业农村局,2023-06",
                        "2212-131199-08-01-300001,市直职教中心,市本级,教育,市重点,市重点项目库,续建,30000,10000,5200,2022-06,2022-08,否,周副市长,市教育局,2023-06",
                        "2301-131123-04-01-400001,武强县乐器产业园,武强县,工业,市重点,市重点项目库,续建,80000,,1000,2022-10,2022-11,否,赵副县长,武强县人民政府,2023-04",
                        "2302-131123-05-01-400002,武强县供水管网,武强县,市政基础设施,市重点,市重点项目库,新开工,30000,,,,,否,赵副县长,武强县住房和城乡建设局,2023-04"));
        BuildJob.on(w).marts("key_project_progress").execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void mayHasHandWorkedValues() {
        assertDataFrameEquals(
                rows(
                        DDL,
                        // 全市 = A,B,C,D,F,G (E is 一般): started A,B,G = 3; planned starts (新开工, planned ≤ 2023-05) B,C,F
                        // = 3,
                        // of them started B = 1 → 1/3; plan 102000+24000+10000 = 136000; done 23000+0+4000 = 27000;
                        // 27000/136000 = 0.198529; 27000/3700000 = 0.007297; lag (0.416667 − 0.007297) × 100 = 40.94
                        new Object[] {
                            "2023-05",
                            "131100",
                            6,
                            3,
                            3,
                            1,
                            0.333333,
                            d("136000.00"),
                            d("27000.00"),
                            0.198529,
                            d("370.00"),
                            0.007297,
                            0.416667,
                            d("40.94")
                        },
                        // 桃城区 A,B,C,D: started A,B; planned starts B (2023-03) and C (2023-05, the month itself
                        // counts), not D
                        // (2023-08) nor A (续建); started of them B → 0.5; plan 60000+20000+10000+12000 = 102000;
                        // done 20000+3000 = 23000 → 23000/102000 = 0.225490; 23000/450000 = 0.051111; 41.6667 − 5.1111
                        // = 36.56
                        new Object[] {
                            "2023-05",
                            "131102",
                            4,
                            2,
                            2,
                            1,
                            0.5,
                            d("102000.00"),
                            d("23000.00"),
                            0.22549,
                            d("45.00"),
                            0.051111,
                            0.416667,
                            d("36.56")
                        },
                        // 冀州区 F: planned 2023-04, not started → 0/1 = 0; nothing done → 0; lag 41.67
                        new Object[] {
                            "2023-05",
                            "131103",
                            1,
                            0,
                            1,
                            0,
                            0.0,
                            d("24000.00"),
                            d("0.00"),
                            0.0,
                            d("17.00"),
                            0.0,
                            0.416667,
                            d("41.67")
                        },
                        // 武强县: no key projects → 0 everywhere, rates empty; 0 of its 24亿 → attainment 0, lag 41.67
                        new Object[] {
                            "2023-05",
                            "131123",
                            0,
                            0,
                            0,
                            0,
                            null,
                            d("0.00"),
                            d("0.00"),
                            null,
                            d("24.00"),
                            0.0,
                            0.416667,
                            d("41.67")
                        },
                        // 市本级 G (续建): no planned starts → start rate empty; 4000/10000 = 0.4; 4000/30000 = 0.133333;
                        // 41.6667 − 13.3333 = 28.33
                        new Object[] {
                            "2023-05",
                            "131199",
                            1,
                            1,
                            0,
                            0,
                            null,
                            d("10000.00"),
                            d("4000.00"),
                            0.4,
                            d("3.00"),
                            0.133333,
                            0.416667,
                            d("28.33")
                        }),
                spark().sql("SELECT " + COLUMNS
                        + " FROM gold.key_project_progress WHERE period = '2023-05' AND region_code IN " + SHOWN
                        + " ORDER BY region_code"));
    }

    @Test
    void juneHasHandWorkedValues() {
        assertDataFrameEquals(
                rows(
                        DDL + ", month_completed_wan DECIMAL(18,2)",
                        // 全市: started A,B,C,F,G = 5; planned starts B,C,F all started → 1.0; done 33500+8000+5200 =
                        // 46700;
                        // 46700/136000 = 0.343382; 46700/3700000 = 0.012622; lag 50 − 1.2622 = 48.74; 当月 46700 − 27000
                        // = 19700
                        new Object[] {
                            "2023-06",
                            "131100",
                            6,
                            5,
                            3,
                            3,
                            1.0,
                            d("136000.00"),
                            d("46700.00"),
                            0.343382,
                            d("370.00"),
                            0.012622,
                            0.5,
                            d("48.74"),
                            d("19700.00")
                        },
                        // 桃城区: C started in June → started 3, planned starts B,C both started → 1.0 (D still ahead);
                        // done 27500+5000+1000+0 = 33500 → 33500/102000 = 0.328431; 33500/450000 = 0.074444;
                        // lag 50 − 7.4444 = 42.56; 当月 33500 − 23000 = 10500
                        new Object[] {
                            "2023-06",
                            "131102",
                            4,
                            3,
                            2,
                            2,
                            1.0,
                            d("102000.00"),
                            d("33500.00"),
                            0.328431,
                            d("45.00"),
                            0.074444,
                            0.5,
                            d("42.56"),
                            d("10500.00")
                        },
                        // 冀州区 F started in June: 1/1; 8000/24000 = 0.333333; 8000/170000 = 0.047059; 50 − 4.7059 =
                        // 45.29; 当月 8000
                        new Object[] {
                            "2023-06",
                            "131103",
                            1,
                            1,
                            1,
                            1,
                            1.0,
                            d("24000.00"),
                            d("8000.00"),
                            0.333333,
                            d("17.00"),
                            0.047059,
                            0.5,
                            d("45.29"),
                            d("8000.00")
                        },
                        // 武强县: still nothing; lag 50.00, 当月 0
                        new Object[] {
                            "2023-06",
                            "131123",
                            0,
                            0,
                            0,
                            0,
                            null,
                            d("0.00"),
                            d("0.00"),
                            null,
                            d("24.00"),
                            0.0,
                            0.5,
                            d("50.00"),
                            d("0.00")
                        },
                        // 市本级: 5200/10000 = 0.52; 5200/30000 = 0.173333; 50 − 17.3333 = 32.67; 当月 5200 − 4000 = 1200
                        new Object[] {
                            "2023-06",
                            "131199",
                            1,
                            1,
                            0,
                            0,
                            null,
                            d("10000.00"),
                            d("5200.00"),
                            0.52,
                            d("3.00"),
                            0.173333,
                            0.5,
                            d("32.67"),
                            d("1200.00")
                        }),
                spark().sql("SELECT " + COLUMNS + ", month_completed_wan FROM gold.key_project_progress "
                        + "WHERE period = '2023-06' AND region_code IN " + SHOWN + " ORDER BY region_code"));
    }

    @Test
    void cityRowIsTheSumOfEveryRegionIncludingShiBenjiButKeepsItsOwnTarget() {
        // per period: the 14 other rows (13 units + 市本级) add up to the 全市 row: 6 projects both months;
        // May: 3 started, 27000 done; June: 5 started, 46700 done
        List<Row> sums = spark().sql(
                        "SELECT period, sum(projects), sum(started), sum(planned_starts), sum(planned_started), "
                                + "sum(annual_plan_wan), sum(completed_ytd_wan), sum(month_completed_wan), count(*) FROM gold.key_project_progress "
                                + "WHERE region_code <> '131100' AND period >= '2023-05' GROUP BY period ORDER BY period")
                .collectAsList();
        List<Row> city = spark().sql(
                        "SELECT period, projects, started, planned_starts, planned_started, annual_plan_wan, "
                                + "completed_ytd_wan, month_completed_wan, target_yi FROM gold.key_project_progress "
                                + "WHERE region_code = '131100' AND period >= '2023-05' ORDER BY period")
                .collectAsList();
        assertThat(sums).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Row s = sums.get(i);
            Row c = city.get(i);
            assertThat(s.getLong(8))
                    .as("14 regions besides 全市 in %s", s.getString(0))
                    .isEqualTo(14L);
            for (int col = 1; col <= 4; col++) {
                assertThat(s.getLong(col))
                        .as("column %d of 全市 in %s = sum of regions", col, s.getString(0))
                        .isEqualTo(c.getInt(col));
            }
            assertThat(s.getDecimal(5))
                    .as("annual plan of 全市 in %s", s.getString(0))
                    .isEqualByComparingTo(c.getDecimal(5));
            assertThat(s.getDecimal(6))
                    .as("completed of 全市 in %s", s.getString(0))
                    .isEqualByComparingTo(c.getDecimal(6));
            // the city's own 370亿, not the sum of the units' targets (365亿) plus 市本级
            assertThat(c.getDecimal(8)).as("全市 target").isEqualByComparingTo("370");
        }
        // June: the 当月 of the regions add up too (10500 + 8000 + 1200 = 19700)
        assertThat(sums.get(1).getDecimal(7))
                .as("June 当月 of the regions")
                .isEqualByComparingTo(city.get(1).getDecimal(7))
                .isEqualByComparingTo("19700");
        // the 一般 project E (5000 then 7000 done) never counts: 桃城区 done 23000 / 33500, not 28000 / 40500
        assertThat(spark()
                        .sql("SELECT completed_ytd_wan FROM gold.key_project_progress WHERE region_code = '131102' "
                                + "AND period >= '2023-05' ORDER BY period")
                        .collectAsList()
                        .stream()
                        .map(r -> r.getDecimal(0))
                        .toList())
                .as("桃城区 completed without the 一般 project")
                .containsExactly(d("23000.00"), d("33500.00"));
    }

    @Test
    void missingFiguresAreEmptyNotZeroAndTheNotesSayWhy() {
        assertDataFrameEquals(
                rows(
                        "region_code STRING, projects INT, started INT, planned_starts INT, start_rate DOUBLE, "
                                + "start_rate_note STRING, annual_plan_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), "
                                + "completion_rate DOUBLE, completion_rate_note STRING, target_attainment DOUBLE, "
                                + "target_attainment_note STRING, lag_pp DECIMAL(8,2)",
                        // 全市 = H, J: started H = 1; no 新开工 project with a planned start (J has none) → no start rate;
                        // both plans blank → plan empty, not 0, and no completion rate; done 1000 (J blank, left out);
                        // 1000/3700000 = 0.00027; lag (0.333333 − 0.00027027) × 100 = 33.3063 → 33.31
                        new Object[] {
                            "131100",
                            2,
                            1,
                            0,
                            null,
                            "截至本月无计划开工的新开工重点项目;1个新开工重点项目缺少计划开工时间",
                            null,
                            d("1000.00"),
                            null,
                            "重点项目均缺少年度计划投资数据",
                            0.00027,
                            "1个重点项目缺少累计完成投资数据,未计入",
                            d("33.31")
                        },
                        // 桃城区 has no key project in April: 0 planned and 0 done are true, the rates cannot exist
                        new Object[] {
                            "131102", 0, 0, 0, null, "无重点项目", d("0.00"), d("0.00"), null, "无重点项目", 0.0, null, d("33.33")
                        },
                        // 武强县 = H, J as 全市; 1000/240000 = 0.004167; lag 33.3333 − 0.4167 = 32.92
                        new Object[] {
                            "131123",
                            2,
                            1,
                            0,
                            null,
                            "截至本月无计划开工的新开工重点项目;1个新开工重点项目缺少计划开工时间",
                            null,
                            d("1000.00"),
                            null,
                            "重点项目均缺少年度计划投资数据",
                            0.004167,
                            "1个重点项目缺少累计完成投资数据,未计入",
                            d("32.92")
                        }),
                spark().sql("SELECT region_code, projects, started, planned_starts, start_rate, start_rate_note, "
                        + "annual_plan_wan, completed_ytd_wan, completion_rate, completion_rate_note, "
                        + "round(target_attainment, 6) AS target_attainment, target_attainment_note, lag_pp "
                        + "FROM gold.key_project_progress WHERE period = '2023-04' "
                        + "AND region_code IN ('131100', '131102', '131123') ORDER BY region_code"));
    }

    @Test
    void everyEmptyRateHasANote() {
        // May: 全市 has every rate (no note); 武强县 has no key projects; 市本级 (G, 续建) no planned start
        assertDataFrameEquals(
                rows(
                        "region_code STRING, start_rate_note STRING, completion_rate_note STRING, "
                                + "target_attainment_note STRING",
                        new Object[] {"131100", null, null, null},
                        new Object[] {"131123", "无重点项目", "无重点项目", null},
                        new Object[] {"131199", "截至本月无计划开工的新开工重点项目", null, null}),
                spark().sql("SELECT region_code, start_rate_note, completion_rate_note, target_attainment_note "
                        + "FROM gold.key_project_progress WHERE period = '2023-05' "
                        + "AND region_code IN ('131100', '131123', '131199') ORDER BY region_code"));
        // over the whole table: a rate is never empty without its note
        assertThat(spark().sql("SELECT period, region_code FROM gold.key_project_progress WHERE "
                                + "(start_rate IS NULL AND start_rate_note IS NULL) "
                                + "OR (completion_rate IS NULL AND completion_rate_note IS NULL) "
                                + "OR (target_attainment IS NULL AND target_attainment_note IS NULL)")
                        .collectAsList())
                .as("rows with an empty rate and no note")
                .isEmpty();
    }
}
