package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.ingest.ProjectsFixture.dec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row rule of schemas/projects.yaml, each broken by one row of one June file and kept by the
 * others; the total-row reconciliation; and a re-delivered month. All loads happen once, in order, in
 * {@link #loadTheMonths}: April, May, June (the rules file), then May again, corrected. Each test reads
 * what one load left in silver and ops, by its load id.
 *
 * <p>Every row below is the "generic" row unless it says otherwise: 桃城区, 工业, 市重点, 市重点项目库, 续建,
 * total 10000, plan 5000, completed 2000 (万元), planned 2023-01, actual 2023-02, 否, report month of the file.
 */
class ProjectsRulesTest extends SparkTest {
    @TempDir
    static Path dir;

    private static Warehouse w;
    private static FileLoadResult april;
    private static FileLoadResult may;
    private static FileLoadResult june;
    private static FileLoadResult mayCorrected;
    /** silver.projects' Delta version right after the first May delivery. */
    private static long mayVersion;

    private static final String JUNE_FILE = "2023年6月省市重点项目调度表.csv";

    /** One row of a rules file: the columns that vary, then library, leader and unit fixed. */
    private static String line(
            String code,
            String name,
            String region,
            String sector,
            String level,
            String stage,
            String total,
            String plan,
            String completed,
            String planned,
            String actual,
            String flag,
            String month) {
        String library = level.equals("省重点") ? "省重点项目库" : "市重点项目库";
        return String.join(
                ",", code, name, region, sector, level, library, stage, total, plan, completed, planned, actual, flag,
                "张三", "桃城区发改局", month);
    }

    /** The generic row of June with another code and name. */
    private static String june(String code, String name) {
        return line(
                code, name, "桃城区", "工业", "市重点", "续建", "10000", "5000", "2000", "2023-01", "2023-02", "否", "2023-06");
    }

    @BeforeAll
    static void loadTheMonths() {
        w = warehouse(dir);
        // 2023年4月: P3 new and not started (line 4). Lines 5-7 hold values that must not load as they are:
        // an amount too large for any 万元 figure (line 5), and cells holding only a full-width space
        // (U+3000) in the required 项目名称 (line 6) and 总投资 (line 7).
        april = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("apr"),
                        "2023年4月省市重点项目调度表.csv",
                        "2023年4月全市省市重点项目调度表",
                        "单位:万元",
                        ProjectsFixture.HEADER_WAN,
                        line(
                                "2301-131102-04-01-500103",
                                "桃城区物流枢纽",
                                "桃城区",
                                "工业",
                                "市重点",
                                "新开工",
                                "10000",
                                "5000",
                                "0",
                                "2023-04",
                                "",
                                "否",
                                "2023-04"),
                        line(
                                "2301-131102-04-01-500104",
                                "金额溢出项目",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "99999999999999999999",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-04"),
                        line(
                                "2301-131102-04-01-500105",
                                "\u3000",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-04"),
                        line(
                                "2301-131102-04-01-500106",
                                "总投资为全角空格",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "\u3000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-04")));

        // 2023年5月: P1 completed 3000, P2 1000, P3 now 续建 (started 2023-04) 800; the 合计 row agrees:
        // 总投资 3×10000 = 30000, 计划 3×5000 = 15000, 完成 3000+1000+800 = 4800.
        may = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("may"),
                        "2023年5月省市重点项目调度表.csv",
                        "2023年5月全市省市重点项目调度表",
                        "单位:万元",
                        ProjectsFixture.HEADER_WAN,
                        line(
                                "2301-131102-04-01-500101",
                                "桃城区数控机床产业园",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "3000",
                                "2023-01",
                                "2023-01",
                                "否",
                                "2023-05"),
                        line(
                                "2301-131102-04-01-500102",
                                "桃城区智能仓储中心",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "1000",
                                "2023-01",
                                "2023-01",
                                "否",
                                "2023-05"),
                        line(
                                "2301-131102-04-01-500103",
                                "桃城区物流枢纽",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "800",
                                "2023-04",
                                "2023-04",
                                "否",
                                "2023-05"),
                        "合计,,,,,,,30000,15000,4800,,,,,,"));
        mayVersion = spark().sql("DESCRIBE HISTORY silver.projects")
                .selectExpr("max(version)")
                .first()
                .getLong(0);

        june = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("jun"),
                        JUNE_FILE,
                        ProjectsFixture.TITLE,
                        "单位:万元",
                        ProjectsFixture.HEADER_WAN,
                        // 4: P1 completed 2500 < 3000 in May → warn completed_not_falling (loads)
                        line(
                                "2301-131102-04-01-500101",
                                "桃城区数控机床产业园",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2500",
                                "2023-01",
                                "2023-01",
                                "否",
                                "2023-06"),
                        // 5: P2 completed 1500 ≥ 1000 in May → no warning
                        line(
                                "2301-131102-04-01-500102",
                                "桃城区智能仓储中心",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "1500",
                                "2023-01",
                                "2023-01",
                                "否",
                                "2023-06"),
                        // 6: good: 省重点, 新开工, started 2023-04, promoted 是
                        line(
                                "2301-131102-04-01-500206",
                                "桃城区新材料产业园",
                                "桃城区",
                                "工业",
                                "省重点",
                                "新开工",
                                "10000",
                                "5000",
                                "2000",
                                "2023-03",
                                "2023-04",
                                "是",
                                "2023-06"),
                        // 7: empty code → required
                        june("", "无代码项目"),
                        // 8: empty name → required
                        june("2301-131102-04-01-500208", ""),
                        // 9: 23 characters → code_shape
                        june("2301-131102-04-01-50020", "短代码项目"),
                        // 10: YYMM 2313, month 13 → code_yymm
                        june("2313-131102-04-01-500210", "赋码月份为13的项目"),
                        // 11: YYMM 2401, after the report year 2023 → code_yymm
                        june("2401-131102-04-01-500211", "明年赋码的项目"),
                        // 12: region segment 110101 (Beijing) → code_region
                        june("2301-110101-04-01-500212", "外地区划代码项目"),
                        // 13: segment 131103 (冀州区) but region 桃城区 → warn code_matches_region (loads)
                        june("2301-131103-04-01-500213", "代码属冀州区的项目"),
                        // 14: 东城区 is no 衡水 region → region_known
                        line(
                                "2301-131102-04-01-500214",
                                "外地项目",
                                "东城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 15: 航天 is no sector → sector_known
                        line(
                                "2301-131102-04-01-500215",
                                "航天项目",
                                "桃城区",
                                "航天",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 16: 国家重点 → level_known
                        line(
                                "2301-131102-04-01-500216",
                                "级别不明项目",
                                "桃城区",
                                "工业",
                                "国家重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 17: 停建 → stage_known
                        line(
                                "2301-131102-04-01-500217",
                                "停建项目",
                                "桃城区",
                                "工业",
                                "市重点",
                                "停建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 18: 总投资 一万 → number_valid
                        line(
                                "2301-131102-04-01-500218",
                                "总投资写汉字",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "一万",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 19: 年度计划 -500 → amount_not_negative
                        line(
                                "2301-131102-04-01-500219",
                                "计划为负",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "-500",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 20: 计划开工 2023-13 → date_valid
                        line(
                                "2301-131102-04-01-500220",
                                "计划开工月份错",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-13",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 21: 实际开工 尽快 → date_valid
                        line(
                                "2301-131102-04-01-500221",
                                "实际开工写尽快",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "尽快",
                                "否",
                                "2023-06"),
                        // 22: 推介 待定 → flag_valid
                        line(
                                "2301-131102-04-01-500222",
                                "推介待定",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "待定",
                                "2023-06"),
                        // 23: completed 12000 > total 10000 → completed_within_total
                        line(
                                "2301-131102-04-01-500223",
                                "完成超总投资",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "12000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 24, 25: the same code twice in one month → duplicate_row, both
                        june("2301-131102-04-01-500224", "重复项目甲"),
                        line(
                                "2301-131102-04-01-500224",
                                "重复项目乙",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2100",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 26: plan 15000 > total 10000 → warn plan_within_total (loads)
                        line(
                                "2301-131102-04-01-500226",
                                "计划超总投资",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "15000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 27: actual start 2023-07, after the report month 2023-06 → warn start_not_after_report
                        // (loads)
                        line(
                                "2301-131102-04-01-500227",
                                "下月开工",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-06",
                                "2023-07",
                                "否",
                                "2023-06"),
                        // 28: 市直 (市本级, kind other) with a 桃城区 segment: no code_matches_region warning
                        line(
                                "2301-131102-04-01-500228",
                                "市直项目",
                                "市直",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "2023-06"),
                        // 29: 报送月份 六月 is no month → period_valid (the title's 2023-06 does not stand in for it)
                        line(
                                "2301-131102-04-01-500229",
                                "报送月份写六月",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "2000",
                                "2023-01",
                                "2023-02",
                                "否",
                                "六月"),
                        // 30: 合计 总投资 260000, but the 26 data rows (4-29) hold 25 × 10000 (line 18 is no number) =
                        // 250000
                        "合计,,,,,,,260000,,,,,,,,",
                        "注:数据截至2023年6月底。"));

        // 2023年5月 again, corrected: P3 is 竣工 (was 续建) with 900 completed; P2 is no longer listed; the
        // 合计 agrees (20000, 10000, 3000 + 900 = 3900)
        mayCorrected = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("may2"),
                        "2023年5月省市重点项目调度表(更正).csv",
                        "2023年5月全市省市重点项目调度表",
                        "单位:万元",
                        ProjectsFixture.HEADER_WAN,
                        line(
                                "2301-131102-04-01-500101",
                                "桃城区数控机床产业园",
                                "桃城区",
                                "工业",
                                "市重点",
                                "续建",
                                "10000",
                                "5000",
                                "3000",
                                "2023-01",
                                "2023-01",
                                "否",
                                "2023-05"),
                        line(
                                "2301-131102-04-01-500103",
                                "桃城区物流枢纽",
                                "桃城区",
                                "工业",
                                "市重点",
                                "竣工",
                                "10000",
                                "5000",
                                "900",
                                "2023-04",
                                "2023-04",
                                "否",
                                "2023-05"),
                        "合计,,,,,,,20000,10000,3900,,,,,,"));
        juneOutcome = LoadOutcome.read(spark(), june.loadId(), "silver.projects");
    }

    /** What the June load left in ops and silver (see LoadOutcome). */
    private static LoadOutcome juneOutcome;

    // ---------------------------------------------------------------- helpers

    /** The quarantine row of one line of the June file: rule_ids, reason, record. */
    private static Row quarantined(int line) {
        Row r = juneOutcome.quarantined(line);
        return org.apache.spark.sql.RowFactory.create(r.get(1), r.get(2), r.get(3), r.get(4));
    }

    /** Line {@code line} of June was quarantined for {@code rule} alone, with a reason naming it. */
    private static void assertDropped(int line, String rule, String... fragments) {
        Row q = quarantined(line);
        assertThat(q.<String>getList(0))
                .as("rules broken by June line %s", line)
                .containsExactly(rule);
        assertThat(q.getString(1))
                .as("reason of June line %s", line)
                .contains(JUNE_FILE, "第" + line + "行")
                .contains(fragments);
        assertThat(q.getString(3)).as("feed").isEqualTo("projects");
        assertNotInSilver(line);
    }

    private static void assertNotInSilver(int line) {
        assertThat(juneOutcome.silverLines()).as("silver rows of the June load").doesNotContain(line);
    }

    /** Line {@code line} of June loaded; its warn rule is in ops.dq_results once, with the message. */
    private static void assertWarned(int line, String rule, String... fragments) {
        juneOutcome.assertWarned(line, rule, fragments);
        assertThat(june.reasons())
                .as("the load result shows the warning")
                .anySatisfy(r -> assertThat(r)
                        .startsWith("警告")
                        .contains("第" + line + "行")
                        .contains(fragments));
    }

    // ---------------------------------------------------------------- the June file as a whole

    @Test
    void juneLoadsTheRowsThatBreakNoDropRule() {
        assertThat(june.status()).as("June: %s", june.reasons()).isEqualTo(FileLoadResult.Status.PARTIAL);
        assertThat(june.periods()).as("periods").containsExactly("2023-06");
        assertThat(june.rowsRead())
                .as("26 data rows (lines 4-29); the 合计 and the footnote are not data")
                .isEqualTo(26);
        assertThat(june.rowsLoaded()).as("lines 4, 5, 6, 13, 26, 27, 28").isEqualTo(7);
        assertThat(june.rowsWarned()).as("lines 4, 13, 26, 27").isEqualTo(4);
        assertThat(june.rowsQuarantined()).as("lines 7-12, 14-25 and 29").isEqualTo(19);
        assertThat(june.failed()).as("quarantined rows fail the command").isTrue();

        assertDataFrameEquals(
                rows(
                        "source_row INT, project_code STRING, region_code STRING, level STRING, stage STRING, "
                                + "completed_ytd_wan DECIMAL(18,2), actual_start_month STRING, is_started BOOLEAN, is_private_promotion BOOLEAN",
                        new Object[] {
                            4, "2301-131102-04-01-500101", "131102", "市重点", "续建", dec("2500"), "2023-01", true, false
                        },
                        new Object[] {
                            5, "2301-131102-04-01-500102", "131102", "市重点", "续建", dec("1500"), "2023-01", true, false
                        },
                        new Object[] {
                            6, "2301-131102-04-01-500206", "131102", "省重点", "新开工", dec("2000"), "2023-04", true, true
                        },
                        new Object[] {
                            13, "2301-131103-04-01-500213", "131102", "市重点", "续建", dec("2000"), "2023-02", true, false
                        },
                        new Object[] {
                            26, "2301-131102-04-01-500226", "131102", "市重点", "续建", dec("2000"), "2023-02", true, false
                        },
                        new Object[] {
                            27, "2301-131102-04-01-500227", "131102", "市重点", "续建", dec("2000"), "2023-07", true, false
                        },
                        new Object[] {
                            28, "2301-131102-04-01-500228", "131199", "市重点", "续建", dec("2000"), "2023-02", true, false
                        }),
                spark().sql(
                                "SELECT source_row, project_code, region_code, level, stage, completed_ytd_wan, actual_start_month, "
                                        + "is_started, is_private_promotion FROM silver.projects WHERE load_id = '"
                                        + june.loadId()
                                        + "' ORDER BY source_row"));
        assertThat(new java.util.TreeSet<>(juneOutcome.quarantinedLines()))
                .as("quarantined lines")
                .containsExactly(7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 29);
    }

    @Test
    void dqResultsCountEachRuleOnce() {
        // (rule, action, rows) by hand from the comments of the June file
        assertDataFrameEquals(
                rows(
                        "rule_id STRING, action STRING, rows INT",
                        new Object[] {"amount_not_negative", "drop", 1},
                        new Object[] {"code_matches_region", "warn", 1},
                        new Object[] {"code_region", "drop", 1},
                        new Object[] {"code_shape", "drop", 1},
                        new Object[] {"code_yymm", "drop", 2},
                        new Object[] {"completed_not_falling", "warn", 1},
                        new Object[] {"completed_within_total", "drop", 1},
                        new Object[] {"date_valid", "drop", 2},
                        new Object[] {"duplicate_row", "drop", 2},
                        new Object[] {"flag_valid", "drop", 1},
                        new Object[] {"level_known", "drop", 1},
                        new Object[] {"number_valid", "drop", 1},
                        new Object[] {"period_valid", "drop", 1},
                        new Object[] {"plan_within_total", "warn", 1},
                        new Object[] {"region_known", "drop", 1},
                        new Object[] {"required", "drop", 2},
                        new Object[] {"sector_known", "drop", 1},
                        new Object[] {"stage_known", "drop", 1},
                        new Object[] {"start_not_after_report", "warn", 1},
                        new Object[] {"total_reconciles", "warn", 1}),
                spark().sql("SELECT rule_id, action, rows FROM ops.dq_results WHERE load_id = '" + june.loadId()
                        + "' ORDER BY rule_id"));
    }

    // ---------------------------------------------------------------- drop rules, one row each

    @Test
    void emptyCodeIsRequired() {
        // only required: an empty code is no badly shaped code (code_shape tests 'project_code is null or ...')
        assertDropped(7, "required", "第7行 项目代码: 必填项为空");
        assertThat(quarantined(7).<String, String>getJavaMap(2))
                .as("the row as delivered")
                .containsEntry("项目代码", "")
                .containsEntry("项目名称", "无代码项目")
                .containsEntry("总投资(万元)", "10000");
    }

    @Test
    void emptyNameIsRequired() {
        assertDropped(8, "required", "项目名称: 必填项为空");
    }

    @Test
    void codeOfWrongShape() {
        assertDropped(9, "code_shape", "项目代码「2301-131102-04-01-50020」格式不对");
    }

    @Test
    void codeWithMonth13() {
        assertDropped(10, "code_yymm", "项目代码「2313-131102-04-01-500210」前四位应为赋码年月(YYMM)");
    }

    @Test
    void codeFromAfterTheReportYear() {
        assertDropped(11, "code_yymm", "项目代码「2401-131102-04-01-500211」", "不晚于报送年份");
    }

    @Test
    void codeWithARegionOutsideTheCity() {
        assertDropped(12, "code_region", "项目代码「2301-110101-04-01-500212」第6-11位应为衡水市的行政区划代码(1311xx)");
    }

    @Test
    void unknownRegion() {
        assertDropped(14, "region_known", "所属县市区: 「东城区」不是衡水市的县市区");
    }

    @Test
    void unknownSector() {
        assertDropped(15, "sector_known", "行业领域: 「航天」不是已知的行业领域");
    }

    @Test
    void unknownLevel() {
        assertDropped(16, "level_known", "项目级别「国家重点」应为 省重点、市重点 或 一般");
    }

    @Test
    void unknownStage() {
        assertDropped(17, "stage_known", "建设性质「停建」应为 新开工、续建、竣工 或 前期");
    }

    @Test
    void amountThatIsNoNumber() {
        assertDropped(18, "number_valid", "总投资(万元): 「一万」不是数字");
    }

    @Test
    void negativeAmount() {
        assertDropped(19, "amount_not_negative", "年度计划投资(万元): 金额「-500」不能为负数");
    }

    @Test
    void plannedStartThatIsNoMonth() {
        assertDropped(20, "date_valid", "计划开工时间: 「2023-13」不是可识别的日期或月份");
    }

    @Test
    void actualStartThatIsNoDate() {
        assertDropped(21, "date_valid", "实际开工时间: 「尽快」不是可识别的日期或月份");
    }

    @Test
    void flagThatIsNeitherYesNorNo() {
        assertDropped(22, "flag_valid", "是否民间投资推介: 「待定」应为 是 或 否");
    }

    @Test
    void completedAboveTotal() {
        assertDropped(23, "completed_within_total", "本年累计完成投资 12000.00 万元超过总投资 10000.00 万元");
    }

    @Test
    void reportMonthThatIsNoMonth() {
        assertDropped(29, "period_valid", "报送月份: 「六月」不是可识别的报送月份");
    }

    @Test
    void sameCodeTwiceInOneMonth() {
        assertDropped(24, "duplicate_row", "项目代码「2301-131102-04-01-500224」在同一月份的文件中出现了不止一次");
        assertDropped(25, "duplicate_row", "项目代码「2301-131102-04-01-500224」在同一月份的文件中出现了不止一次");
    }

    // ---------------------------------------------------------------- warn rules

    @Test
    void codeRegionDifferentFromTheRowsRegionWarns() {
        assertWarned(13, "code_matches_region", "项目代码「2301-131103-04-01-500213」中的区划代码与所属县市区「桃城区」不一致");
    }

    @Test
    void planAboveTotalWarns() {
        assertWarned(26, "plan_within_total", "年度计划投资 15000.00 万元超过总投资 10000.00 万元");
    }

    @Test
    void completedFallingFromMayWarns() {
        // P1: 3000 in May, 2500 in June; P2 (1000 → 1500) does not warn (the dq count is 1)
        assertWarned(4, "completed_not_falling", "本年累计完成投资 2500.00 万元比上月(2023-05 的 3000.00 万元)还少");
    }

    @Test
    void actualStartAfterTheReportMonthWarns() {
        assertWarned(27, "start_not_after_report", "实际开工时间「2023-07」晚于报送月份");
    }

    // ---------------------------------------------------------------- 合计 rows

    @Test
    void totalRowThatDisagreesWarnsAndIsNotAProject() {
        Row dq = juneOutcome.dq("total_reconciles");
        assertThat(dq).as("total_reconciles in dq_results").isNotNull();
        assertThat(dq.getString(1)).as("action").isEqualTo("warn");
        // only 总投资 is filled in the 合计 row: one column, one warning
        assertThat(dq.getInt(2)).as("disagreeing columns").isEqualTo(1);
        assertThat(dq.getString(3))
                .as("message")
                .contains(JUNE_FILE, "第30行", "总投资(万元)", "合计行 260000.00 万元与各行之和 250000.00 万元相差 10000.00 万元");
        assertThat(june.reasons())
                .as("load result")
                .anySatisfy(r -> assertThat(r).startsWith("警告").contains("合计行"));
        assertNotInSilver(30);
        assertThat(spark().sql("SELECT count(*) FROM silver.projects WHERE project_code LIKE '合计%'")
                        .first()
                        .getLong(0))
                .as("silver rows coded 合计")
                .isZero();
        assertThat(spark().sql("SELECT row_kind FROM bronze.projects WHERE load_id = '" + june.loadId()
                                + "' AND row_number = 30")
                        .first()
                        .getString(0))
                .as("bronze kind of line 30")
                .isEqualTo("total");
    }

    @Test
    void totalRowThatAgreesDoesNotWarn() {
        assertThat(may.status()).as("May: %s", may.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(may.rowsRead()).as("May data rows, 合计 excluded").isEqualTo(3);
        assertThat(may.reasons()).as("no warning in May").isEmpty();
        assertThat(spark().sql("SELECT count(*) FROM ops.dq_results WHERE load_id IN ('" + may.loadId() + "', '"
                                + mayCorrected.loadId() + "')")
                        .first()
                        .getLong(0))
                .as("dq_results rows of both May loads")
                .isZero();
        assertThat(spark().sql("SELECT row_kind FROM bronze.projects WHERE load_id = '" + may.loadId()
                                + "' AND row_number = 7")
                        .first()
                        .getString(0))
                .as("bronze kind of the May 合计 line")
                .isEqualTo("total");
    }

    // ---------------------------------------------------------------- re-delivery and history

    @Test
    void redeliveredMonthReplacesItsSnapshotAndKeepsEarlierMonths() {
        assertThat(mayCorrected.status())
                .as("corrected May: %s", mayCorrected.reasons())
                .isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(april.rowsLoaded())
                .as("April loads P3 only (lines 5-7 are quarantined)")
                .isEqualTo(1);

        // P3 through the months: April 新开工 (first delivery), May 竣工 (corrected; was 续建), June not listed
        assertDataFrameEquals(
                rows(
                        "period STRING, stage STRING, completed_ytd_wan DECIMAL(18,2), is_started BOOLEAN, load_id STRING",
                        new Object[] {"2023-04", "新开工", dec("0"), false, april.loadId()},
                        new Object[] {"2023-05", "竣工", dec("900"), true, mayCorrected.loadId()}),
                spark().sql("SELECT period, stage, completed_ytd_wan, is_started, load_id FROM silver.projects "
                        + "WHERE project_code = '2301-131102-04-01-500103' ORDER BY period"));
        // June untouched by the May correction: P1 still 2500 from the June load
        assertThat(spark().sql("SELECT load_id FROM silver.projects WHERE period = '2023-06' AND project_code = "
                                + "'2301-131102-04-01-500101'")
                        .first()
                        .getString(0))
                .as("June P1 load")
                .isEqualTo(june.loadId());

        // the May snapshot as first delivered is still readable
        Row old = spark().sql("SELECT stage, completed_ytd_wan, load_id FROM silver.projects VERSION AS OF "
                        + mayVersion + " WHERE period = '2023-05' AND project_code = '2301-131102-04-01-500103'")
                .first();
        assertThat(old.getString(0)).as("P3 stage in May as first delivered").isEqualTo("续建");
        assertThat(old.getDecimal(1))
                .as("P3 completed in May as first delivered")
                .isEqualByComparingTo("800");
        assertThat(old.getString(2)).as("load of the first May delivery").isEqualTo(may.loadId());

        // one commit, replacing May's partition alone (no MERGE over the whole table)
        List<Row> ops = spark().sql("DESCRIBE HISTORY silver.projects")
                .where("userMetadata LIKE '%" + mayCorrected.loadId() + "%'")
                .selectExpr("operation", "operationParameters['predicate']")
                .collectAsList();
        assertThat(ops)
                .as("commits of the correction")
                .extracting(r -> r.getString(0))
                .containsExactly("WRITE");
        assertThat(ops.get(0).getString(1))
                .as("what it replaced")
                .contains("period")
                .contains("'2023-05'");
    }

    @Test
    void projectLeftOutOfACorrectedMonthIsNoLongerInThatMonth() {
        assertThat(spark().sql(
                                "SELECT project_code FROM silver.projects WHERE period = '2023-05' ORDER BY project_code")
                        .collectAsList())
                .as("May after the correction: P1 and P3 only")
                .extracting(r -> r.getString(0))
                .containsExactly("2301-131102-04-01-500101", "2301-131102-04-01-500103");
    }

    // ---------------------------------------------------------------- values that must not load silently
    // (April lines 5-7: an amount beyond decimal(18,2) would become NULL in the cast; a cell of only U+3000
    // is blank to Labels.isBlank but not to Spark's trim)

    private static Row aprilQuarantine(int line) {
        List<Row> rows = spark().sql("SELECT rule_ids, reason FROM ops.quarantine WHERE load_id = '" + april.loadId()
                        + "' AND row_number = " + line)
                .collectAsList();
        assertThat(rows)
                .as(
                        "April line %s is quarantined (silver has: %s)",
                        line,
                        spark().sql("SELECT project_name, total_investment_wan FROM silver.projects WHERE load_id = '"
                                        + april.loadId() + "' AND source_row = " + line)
                                .collectAsList())
                .hasSize(1);
        return rows.get(0);
    }

    @Test
    void amountTooLargeForSilverIsQuarantined() {
        assertThat(aprilQuarantine(5).<String>getList(0))
                .as("rules of the overflowing amount")
                .containsExactly("number_valid");
    }

    @Test
    void fullWidthSpaceNameIsAnEmptyRequiredCell() {
        assertThat(aprilQuarantine(6).<String>getList(0))
                .as("rules of the blank name")
                .containsExactly("required");
    }

    @Test
    void fullWidthSpaceTotalIsAnEmptyRequiredCell() {
        assertThat(aprilQuarantine(7).<String>getList(0))
                .as("rules of the blank total")
                .containsExactly("required");
    }

    // ---------------------------------------------------------------- streamed as large files are

    /** The one file a month's folder holds. */
    private static Path onlyFile(String folder) {
        try (var files = java.nio.file.Files.list(dir.resolve(folder))) {
            return files.findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A table of {@code w} read from its own folder (two warehouses share the session's table names), without the
     * columns that name a load or its time: everything else must be the same whichever way the files went.
     */
    private static Dataset<Row> table(Warehouse of, String layer, String name, String orderBy) {
        Dataset<Row> t = spark().read().format("delta").load(of.location(layer, name));
        for (String c : t.columns()) {
            if (c.equals("load_id") || c.endsWith("_at")) {
                t = t.drop(c);
            }
        }
        return t.orderBy(java.util.Arrays.stream(orderBy.split(","))
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** {@link #table(Warehouse, String, String, String)} by its qualified name, {@code layer.name}. */
    private static Dataset<Row> table(Warehouse of, String qualified, String orderBy) {
        String[] p = qualified.split("\\.", 2);
        return table(of, p[0], p[1], orderBy);
    }

    private static void assertSameTables(Warehouse streamed) {
        assertDataFrameEquals(
                table(w, "silver", "projects", "period,project_code"),
                table(streamed, "silver", "projects", "period,project_code"));
        assertDataFrameEquals(
                table(w, "ops", "quarantine", "source_file,row_number"),
                table(streamed, "ops", "quarantine", "source_file,row_number"));
        assertDataFrameEquals(
                table(w, "ops", "dq_results", "source_file,rule_id"),
                table(streamed, "ops", "dq_results", "source_file,rule_id"));
        assertDataFrameEquals(
                table(w, "bronze", "projects", "source_file,row_number"),
                table(streamed, "bronze", "projects", "source_file,row_number"));
    }

    /**
     * The four deliveries of this class streamed as a nation's large files are (staged in chunks to Parquet,
     * judged by Spark where they lie, only the flagged rows fetched) leave exactly what the held loads left:
     * silver, quarantine, dq_results, bronze and every load result — only load ids and times differ.
     */
    @Test
    void streamedFilesLeaveWhatHeldFilesLeave() {
        inAnotherWarehouse(ProjectsRulesTest::loadStreamedOneByOne);
    }

    /** Runs a test that opens a warehouse of its own, then points the session's table names back at this class's. */
    private static void inAnotherWarehouse(Runnable test) {
        try {
            test.run();
        } finally {
            w = warehouse(dir);
        }
    }

    private static void loadStreamedOneByOne() {
        Warehouse streamed = warehouse(dir.resolve("streamed"));
        List<FileLoadResult> results = java.util.stream.Stream.of("apr", "may", "jun", "may2")
                .map(folder -> LoadJob.on(streamed).largeFileBytes(0).execute(onlyFile(folder)))
                .toList();
        List<FileLoadResult> held = List.of(april, may, june, mayCorrected);
        for (int i = 0; i < held.size(); i++) {
            FileLoadResult h = held.get(i);
            FileLoadResult r = results.get(i);
            assertThat(List.of(
                            r.status(),
                            r.periods(),
                            r.rowsRead(),
                            r.rowsLoaded(),
                            r.rowsWarned(),
                            r.rowsQuarantined(),
                            r.reasons()))
                    .as("result of %s", h.file())
                    .isEqualTo(List.of(
                            h.status(),
                            h.periods(),
                            h.rowsRead(),
                            h.rowsLoaded(),
                            h.rowsWarned(),
                            h.rowsQuarantined(),
                            h.reasons()));
        }
        assertSameTables(streamed);
        assertThat(dir.resolve("streamed/warehouse/_staging").toFile().list())
                .as("each load's scratch folder (under _staging, made by the first) is gone once it is loaded")
                .isNotNull()
                .isEmpty();
    }

    /**
     * A reprocess replays each delivery from its raw copy in bronze; a large one is streamed as its load was, not
     * read whole into memory (a nation's month is a million rows). The four deliveries loaded held, then reprocessed
     * with every raw copy streamed: silver, quarantine and dq results as the held loads left them.
     */
    /** The tables a reprocess rewrites, and the columns that order their rows. */
    private static final Map<String, String> REPLAYED_TABLES = Map.of(
            "silver.projects", "period,project_code",
            "ops.quarantine", "source_file,row_number",
            "ops.dq_results", "source_file,rule_id");

    @Test
    void aReprocessStreamsLargeRawCopiesAndChangesNothing() {
        inAnotherWarehouse(() -> {
            Warehouse replayed = warehouse(dir.resolve("replayed"));
            LoadBatch.of(LoadJob.on(replayed))
                    .execute(
                            java.util.stream.Stream.of("apr", "may", "jun", "may2")
                                    .map(ProjectsRulesTest::onlyFile)
                                    .toList(),
                            step -> {});
            Map<String, Dataset<Row>> before = new java.util.LinkedHashMap<>();
            REPLAYED_TABLES.forEach((table, order) -> {
                Dataset<Row> t = table(replayed, table, order);
                before.put(table, spark().createDataFrame(t.collectAsList(), t.schema()));
            });
            ReprocessJob job = ReprocessJob.on(replayed).largeFileBytes(0).feed("projects");
            ReprocessJob.Result r = job.execute();

            assertThat(r.replayed()).as("every delivery replayed").hasSize(4);
            assertThat(job.streamedLoads())
                    .as("each raw copy streamed")
                    .containsExactlyInAnyOrderElementsOf(r.replayed().stream()
                            .map(ReprocessJob.Replayed::loadId)
                            .toList());
            // April, May (its correction wins) and June: the same rules, the same rows
            assertThat(r.changes()).hasSize(3).allMatch(ReprocessJob.PeriodChange::unchanged);
            REPLAYED_TABLES.forEach(
                    (table, order) -> assertDataFrameEquals(before.get(table), table(replayed, table, order)));
            assertThat(dir.resolve("replayed/warehouse/_staging").toFile().list())
                    .as("the replays' scratch folders are gone once the reprocess ends")
                    .isNotNull()
                    .isEmpty();
        });
    }

    /**
     * The same four deliveries streamed and loaded as one batch: the corrected May, delivered after the first
     * May, replaces it — silver as after the four loads one by one.
     */
    @Test
    void streamedBatchLeavesWhatHeldLoadsLeave() {
        inAnotherWarehouse(ProjectsRulesTest::loadStreamedAsABatch);
    }

    /**
     * A batch named June before May (as a shell's glob names 1-10月 before 1-9月) checks May first: June's row 4,
     * P1 at 2500 after May's 3000, is warned as falling, as when the months are loaded one by one. Checked in the
     * order named, June would have no month before it and the fall would go unseen.
     */
    @Test
    void aBatchChecksItsMonthsInPeriodOrderNotTheOrderNamed() {
        inAnotherWarehouse(() -> {
            Warehouse reversed = warehouse(dir.resolve("reversed"));
            List<FileLoadResult> results =
                    LoadBatch.of(LoadJob.on(reversed)).execute(List.of(onlyFile("jun"), onlyFile("may")), step -> {});
            assertThat(results.stream().map(FileLoadResult::file).toList())
                    .as("the results in the order named")
                    .containsExactly(JUNE_FILE, "2023年5月省市重点项目调度表.csv");
            assertThat(results.get(0).reasons())
                    .anySatisfy(r -> assertThat(r)
                            .startsWith("警告")
                            .contains("第4行")
                            .contains("本年累计完成投资 2500.00 万元比上月(2023-05 的 3000.00 万元)还少"));
        });
    }

    private static void loadStreamedAsABatch() {
        Warehouse batched = warehouse(dir.resolve("batched"));
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(batched).largeFileBytes(0))
                .execute(
                        java.util.stream.Stream.of("apr", "may", "jun", "may2")
                                .map(ProjectsRulesTest::onlyFile)
                                .toList(),
                        step -> {});
        assertThat(results.stream().map(FileLoadResult::rowsLoaded).toList())
                .as("rows loaded per file")
                .isEqualTo(List.of(april.rowsLoaded(), may.rowsLoaded(), june.rowsLoaded(), mayCorrected.rowsLoaded()));
        assertDataFrameEquals(
                table(w, "silver", "projects", "period,project_code"),
                table(batched, "silver", "projects", "period,project_code"));
    }
}
