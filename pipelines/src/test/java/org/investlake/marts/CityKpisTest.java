package org.investlake.marts;

import static org.investlake.marts.MartFixtures.d;

import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.city_kpis for 2023-06 against the 2023 targets (7%, 420个, 370亿, 500亿, 100亿, 20个, 100亿), from a
 * 1-6月 statistics file (全市 +6.3%) and a hand-made June project export (amounts in 万元):
 *
 * <pre>
 *     region  level   stage   total   done    推介
 * K1  桃城区  省重点  续建    500000  60000   否
 * K2  故城县  市重点  新开工  300000  20000   是
 * K3  安平县  一般    新开工  200000  10000   否
 * K4  市本级  市重点  前期    100000  (empty) 是
 * </pre>
 *
 * <p>A 1-5月 statistics file (全市 +5.8%) comes without any May project export: May has the FAI growth but
 * nothing to count projects from.
 */
class CityKpisTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        MartFixtures.loadAll(
                w,
                TestFiles.utf8(
                        in,
                        "2023年1-6月各县市区固定资产投资.csv",
                        "2023年1-6月各县市区固定资产投资完成情况",
                        "县市区,累计增速(%)",
                        "桃城区,8.0",
                        "故城县,5.1",
                        "全市,6.3"),
                TestFiles.utf8(
                        in,
                        "2023年1-5月各县市区固定资产投资.csv",
                        "2023年1-5月各县市区固定资产投资完成情况",
                        "县市区,累计增速(%)",
                        "桃城区,7.6",
                        "故城县,4.9",
                        "全市,5.8"),
                MartFixtures.projects(
                        in,
                        "2023年6月重点项目.csv",
                        "2201-131102-04-01-810001,桃城新材料产业园,桃城区,工业,省重点,省重点项目库,续建,500000,100000,60000,2022-03,2022-04,否,王市长,桃城区发改局,2023-06",
                        "2302-131126-02-01-810002,故城县物流枢纽,故城县,交通运输,市重点,市重点项目库,新开工,300000,80000,20000,2023-02,2023-03,是,李副市长,故城县交通局,2023-06",
                        "2303-131125-04-01-810003,安平丝网产业园,安平县,工业,一般,一般项目库,新开工,200000,50000,10000,2023-03,2023-04,否,孙市长,安平县工信局,2023-06",
                        "2305-131199-10-01-810004,市直文化中心,市本级,文化旅游,市重点,市重点项目库,前期,100000,0,,2024-01,,是,周副市长,市文广旅局,2023-06"));
        BuildJob.on(w).marts("city_kpis").execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void everyKpiAgainstItsTarget() {
        assertDataFrameEquals(
                rows(
                        "period STRING, month INT, kpi_code STRING, kpi_name STRING, actual DECIMAL(18,2), "
                                + "target DECIMAL(18,2), unit STRING, attainment DOUBLE",
                        // 全市 6.3% of 7%: 6.3/7 = 0.9
                        new Object[] {"2023-06", 6, "fai_growth", "全市固定资产投资增速", d("6.30"), d("7.00"), "%", 0.9},
                        // key projects K1, K2, K4 done 60000 + 20000 (+ K4 empty) = 80000万 = 8亿; 8/370 = 0.021622
                        new Object[] {
                            "2023-06", 6, "key_project_completed", "省市重点项目完成投资", d("8.00"), d("370.00"), "亿元", 0.021622
                        },
                        // 3 key projects (K3 is 一般) of 420: 0.007143
                        new Object[] {
                            "2023-06", 6, "key_project_count", "省市重点项目个数", d("3.00"), d("420.00"), "个", 0.007143
                        },
                        // 新开工 K2, K3 (any level): done 20000 + 10000 = 3亿 of 100: 0.03
                        new Object[] {
                            "2023-06", 6, "new_start_completed", "新开工项目完成投资", d("3.00"), d("100.00"), "亿元", 0.03
                        },
                        // 新开工 total 300000 + 200000 = 50亿 of 500: 0.1
                        new Object[] {
                            "2023-06", 6, "new_start_total_investment", "新开工项目总投资", d("50.00"), d("500.00"), "亿元", 0.1
                        },
                        // promoted K2, K4: 2 of 20 = 0.1
                        new Object[] {
                            "2023-06", 6, "private_promotion_count", "向民间资本推介项目个数", d("2.00"), d("20.00"), "个", 0.1
                        },
                        // their total 300000 + 100000 = 40亿 of 100: 0.4
                        new Object[] {
                            "2023-06",
                            6,
                            "private_promotion_investment",
                            "向民间资本推介项目总投资",
                            d("40.00"),
                            d("100.00"),
                            "亿元",
                            0.4
                        }),
                spark().sql(
                                "SELECT period, month, kpi_code, kpi_name, actual, target, unit, round(attainment, 6) AS attainment "
                                        + "FROM gold.city_kpis WHERE period = '2023-06' ORDER BY period, kpi_code"));
    }

    @Test
    void aKpiWithoutDataIsEmptyWithANoteNeverZero() {
        assertDataFrameEquals(
                rows(
                        "period STRING, kpi_code STRING, actual DECIMAL(18,2), attainment DOUBLE, actual_note STRING, "
                                + "attainment_note STRING",
                        // May: 5.8/7 = 0.828571; no project export that month → every project KPI empty, not 0
                        new Object[] {"2023-05", "fai_growth", d("5.80"), 0.828571, null, null},
                        new Object[] {"2023-05", "key_project_completed", null, null, "本月未报送项目库数据", "无实际值"},
                        new Object[] {"2023-05", "key_project_count", null, null, "本月未报送项目库数据", "无实际值"},
                        new Object[] {"2023-05", "new_start_completed", null, null, "本月未报送项目库数据", "无实际值"},
                        new Object[] {"2023-05", "new_start_total_investment", null, null, "本月未报送项目库数据", "无实际值"},
                        new Object[] {"2023-05", "private_promotion_count", null, null, "本月未报送项目库数据", "无实际值"},
                        new Object[] {"2023-05", "private_promotion_investment", null, null, "本月未报送项目库数据", "无实际值"},
                        // June: K4's blank completion is left out of the 8亿 of the key projects, and says so
                        new Object[] {
                            "2023-06", "key_project_completed", d("8.00"), 0.021622, "1个重点项目未填报累计完成投资,未计入", null
                        }),
                spark().sql("SELECT period, kpi_code, actual, round(attainment, 6) AS attainment, actual_note, "
                        + "attainment_note FROM gold.city_kpis WHERE period = '2023-05' "
                        + "OR (period = '2023-06' AND kpi_code = 'key_project_completed') ORDER BY period, kpi_code"));
    }
}
