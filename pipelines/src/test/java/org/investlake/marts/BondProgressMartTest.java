package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.marts.MartFixtures.d;

import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.bond_progress on a hand-made special-bond report holding 报送月份 2023-05 and 2023-06 (one file),
 * and a one-project project-library export of 2023-04 (a period the warehouse knows but without bond
 * data). Amounts in 万元:
 *
 * <pre>
 *    code                      region  bond   plan   May: done spent started    June: done spent started
 * P1 2208-131102-05-01-600001  桃城区  12000  8000        3000  4000  已开工          5200  6000  已开工
 * P2 2209-131102-07-02-600002  桃城区   5000  4000           0     0  未开工           500  1000  已开工
 * P3 2210-131126-02-01-600003  故城县   3000  2500        1000  1500  是              1800  2200  是
 * P4 2211-131126-03-01-600004  故城县   4000  3000        (not yet in May)              0     0  否
 * </pre>
 * July (报送月份 2023-07) has figures left blank: P1 plan —, done 6000, spent —; P3 plan —, done —, spent —;
 * P4 plan 3000, done 300, spent 0 (all 已开工 / 是).
 */
class BondProgressMartTest extends SparkTest {
    private static final String COLUMNS = "period, region_code, region_name, projects, started, "
            + "round(start_rate, 6) AS start_rate, bond_amount_wan, annual_plan_wan, completed_ytd_wan, "
            + "round(completion_rate, 6) AS completion_rate, bond_spent_wan, round(spend_rate, 6) AS spend_rate";
    private static final String DDL =
            "period STRING, region_code STRING, region_name STRING, projects INT, started INT, "
                    + "start_rate DOUBLE, bond_amount_wan DECIMAL(18,2), annual_plan_wan DECIMAL(18,2), "
                    + "completed_ytd_wan DECIMAL(18,2), completion_rate DOUBLE, bond_spent_wan DECIMAL(18,2), spend_rate DOUBLE";

    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        MartFixtures.loadAll(
                w,
                MartFixtures.bonds(
                        in,
                        "2023年5-6月专项债券项目进展.csv",
                        "2208-131102-05-01-600001,桃城区老旧小区改造,桃城区,2023年第一批,12000,2023-02-15,8000,3000,4000,已开工,2023-05",
                        "2209-131102-07-02-600002,桃城区保障性租赁住房,桃城区,2023年第一批,5000,2023-02-15,4000,0,0,未开工,2023-05",
                        "2210-131126-02-01-600003,故城县供水管网改造,故城县,2023年第二批,3000,2023-04-10,2500,1000,1500,是,2023-05",
                        "2208-131102-05-01-600001,桃城区老旧小区改造,桃城区,2023年第一批,12000,2023-02-15,8000,5200,6000,已开工,2023-06",
                        "2209-131102-07-02-600002,桃城区保障性租赁住房,桃城区,2023年第一批,5000,2023-02-15,4000,500,1000,已开工,2023-06",
                        "2210-131126-02-01-600003,故城县供水管网改造,故城县,2023年第二批,3000,2023-04-10,2500,1800,2200,是,2023-06",
                        "2211-131126-03-01-600004,故城县燃气管网改造,故城县,2023年第三批,4000,2023-06-05,3000,0,0,否,2023-06",
                        "2208-131102-05-01-600001,桃城区老旧小区改造,桃城区,2023年第一批,12000,2023-02-15,,6000,,已开工,2023-07",
                        "2210-131126-02-01-600003,故城县供水管网改造,故城县,2023年第二批,3000,2023-04-10,,,,是,2023-07",
                        "2211-131126-03-01-600004,故城县燃气管网改造,故城县,2023年第三批,4000,2023-06-05,3000,300,0,是,2023-07"),
                MartFixtures.projects(
                        in,
                        "2023年4月重点项目.csv",
                        "2301-131123-10-01-500005,武强县文旅小镇,武强县,文化旅游,市重点,市重点项目库,续建,20000,5000,1200,2023-01,2023-02,否,吴局长,武强县文旅局,2023-04"));
        BuildJob.on(w).marts("key_project_progress", "bond_progress").execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void regionsAndCityHaveHandWorkedValues() {
        assertDataFrameEquals(
                rows(
                        DDL,
                        // May 全市 = P1..P3: started P1,P3 = 2/3 = 0.666667; bond 12000+5000+3000 = 20000; plan
                        // 8000+4000+2500 =
                        // 14500; done 3000+0+1000 = 4000 → 4000/14500 = 0.275862; spent 4000+0+1500 = 5500 → 5500/20000
                        // = 0.275
                        new Object[] {
                            "2023-05",
                            "131100",
                            "全市",
                            3,
                            2,
                            0.666667,
                            d("20000.00"),
                            d("14500.00"),
                            d("4000.00"),
                            0.275862,
                            d("5500.00"),
                            0.275
                        },
                        // May 桃城区 P1,P2: 1/2; 17000; 12000; 3000/12000 = 0.25; spent 4000/17000 = 0.235294
                        new Object[] {
                            "2023-05",
                            "131102",
                            "桃城区",
                            2,
                            1,
                            0.5,
                            d("17000.00"),
                            d("12000.00"),
                            d("3000.00"),
                            0.25,
                            d("4000.00"),
                            0.235294
                        },
                        // May 故城县 P3: 1/1; 1000/2500 = 0.4; 1500/3000 = 0.5
                        new Object[] {
                            "2023-05",
                            "131126",
                            "故城县",
                            1,
                            1,
                            1.0,
                            d("3000.00"),
                            d("2500.00"),
                            d("1000.00"),
                            0.4,
                            d("1500.00"),
                            0.5
                        },
                        // June 全市 P1..P4: started P1,P2,P3 = 3/4 = 0.75; bond 24000; plan 17500; done 5200+500+1800+0 =
                        // 7500 →
                        // 7500/17500 = 0.428571; spent 6000+1000+2200 = 9200 → 9200/24000 = 0.383333
                        new Object[] {
                            "2023-06",
                            "131100",
                            "全市",
                            4,
                            3,
                            0.75,
                            d("24000.00"),
                            d("17500.00"),
                            d("7500.00"),
                            0.428571,
                            d("9200.00"),
                            0.383333
                        },
                        // June 桃城区: 2/2; done 5700 → 5700/12000 = 0.475; spent 7000/17000 = 0.411765
                        new Object[] {
                            "2023-06",
                            "131102",
                            "桃城区",
                            2,
                            2,
                            1.0,
                            d("17000.00"),
                            d("12000.00"),
                            d("5700.00"),
                            0.475,
                            d("7000.00"),
                            0.411765
                        },
                        // June 故城县 P3,P4: 1/2; bond 7000; plan 5500; done 1800 → 0.327273; spent 2200/7000 = 0.314286
                        new Object[] {
                            "2023-06",
                            "131126",
                            "故城县",
                            2,
                            1,
                            0.5,
                            d("7000.00"),
                            d("5500.00"),
                            d("1800.00"),
                            0.327273,
                            d("2200.00"),
                            0.314286
                        }),
                spark().sql("SELECT " + COLUMNS + " FROM gold.bond_progress WHERE period <= '2023-06' "
                        + "ORDER BY period, region_code"));
    }

    @Test
    void monthCompletedIsTheDifferenceWithMay() {
        // June − May: 全市 7500 − 4000 = 3500; 桃城区 5700 − 3000 = 2700; 故城县 1800 − 1000 = 800
        assertDataFrameEquals(
                rows(
                        "region_code STRING, month_completed_wan DECIMAL(18,2)",
                        new Object[] {"131100", d("3500.00")},
                        new Object[] {"131102", d("2700.00")},
                        new Object[] {"131126", d("800.00")}),
                spark().sql("SELECT region_code, month_completed_wan FROM gold.bond_progress WHERE period = '2023-06' "
                        + "ORDER BY region_code"));
    }

    @Test
    void cityIsTheSumOfTheRegions() {
        // both months: the regions' rows add up to the 全市 row in every count and amount
        assertDataFrameEquals(
                spark().sql("SELECT period, projects, started, bond_amount_wan, annual_plan_wan, completed_ytd_wan, "
                        + "bond_spent_wan FROM gold.bond_progress WHERE region_code = '131100' ORDER BY period"),
                spark().sql(
                                "SELECT period, cast(sum(projects) AS INT) AS projects, cast(sum(started) AS INT) AS started, "
                                        + "cast(sum(bond_amount_wan) AS DECIMAL(18,2)) AS bond_amount_wan, "
                                        + "cast(sum(annual_plan_wan) AS DECIMAL(18,2)) AS annual_plan_wan, "
                                        + "cast(sum(completed_ytd_wan) AS DECIMAL(18,2)) AS completed_ytd_wan, "
                                        + "cast(sum(bond_spent_wan) AS DECIMAL(18,2)) AS bond_spent_wan "
                                        + "FROM gold.bond_progress WHERE region_code <> '131100' GROUP BY period ORDER BY period"));
    }

    @Test
    void periodWithoutBondDataHasNoRows() {
        // 2023-04 has a project-library export (key_project_progress: 15 rows) but no bond report
        assertThat(spark().sql("SELECT count(*) FROM gold.key_project_progress WHERE period = '2023-04'")
                        .first()
                        .getLong(0))
                .as("key-project rows of 2023-04 (the period exists)")
                .isEqualTo(15L);
        assertThat(spark().sql("SELECT count(*) FROM gold.bond_progress WHERE period = '2023-04'")
                        .first()
                        .getLong(0))
                .as("bond rows of 2023-04")
                .isZero();
        // and a region without bond projects has no row: only 全市, 桃城区 and 故城县 appear
        assertThat(spark()
                        .sql("SELECT DISTINCT region_code FROM gold.bond_progress ORDER BY region_code")
                        .collectAsList()
                        .stream()
                        .map(r -> r.getString(0))
                        .toList())
                .as("regions of bond_progress")
                .containsExactly("131100", "131102", "131126");
    }

    @Test
    void blankFiguresGiveEmptyRatesWithANote() {
        assertDataFrameEquals(
                rows(
                        "region_code STRING, annual_plan_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), "
                                + "completion_rate DOUBLE, completion_rate_note STRING, bond_spent_wan DECIMAL(18,2), "
                                + "spend_rate DOUBLE, spend_rate_note STRING",
                        // 全市 P1, P3, P4: plan 3000 (P1, P3 blank), done 6000 + 300 = 6300 (P3 blank) → 6300/3000 = 2.1;
                        // spent 0 (P1, P3 blank) of 12000 + 3000 + 4000 = 19000 → 0.0
                        new Object[] {
                            "131100",
                            d("3000.00"),
                            d("6300.00"),
                            2.1,
                            "2个项目缺少年度计划投资数据,未计入;1个项目缺少累计完成投资数据,未计入",
                            d("0.00"),
                            0.0,
                            "2个项目缺少已支出债券资金数据,未计入"
                        },
                        // 桃城区 P1 alone: no plan → no completion rate (not 0, not 6000/0); no spending → no spend rate
                        new Object[] {
                            "131102", null, d("6000.00"), null, "专项债项目均缺少年度计划投资数据", null, null, "专项债项目均缺少已支出债券资金数据"
                        },
                        // 故城县 P3, P4: plan 3000, done 300 → 0.1; spent 0 of 7000 → 0.0, P3 left out of each
                        new Object[] {
                            "131126",
                            d("3000.00"),
                            d("300.00"),
                            0.1,
                            "1个项目缺少年度计划投资数据,未计入;1个项目缺少累计完成投资数据,未计入",
                            d("0.00"),
                            0.0,
                            "1个项目缺少已支出债券资金数据,未计入"
                        }),
                spark().sql("SELECT region_code, annual_plan_wan, completed_ytd_wan, round(completion_rate, 6) AS "
                        + "completion_rate, completion_rate_note, bond_spent_wan, round(spend_rate, 6) AS spend_rate, "
                        + "spend_rate_note FROM gold.bond_progress WHERE period = '2023-07' ORDER BY region_code"));
        // May and June have every figure: no note anywhere
        assertThat(spark().sql("SELECT count(*) FROM gold.bond_progress WHERE period <= '2023-06' "
                                + "AND (completion_rate_note IS NOT NULL OR spend_rate_note IS NOT NULL)")
                        .first()
                        .getLong(0))
                .as("notes in May and June")
                .isZero();
    }
}
