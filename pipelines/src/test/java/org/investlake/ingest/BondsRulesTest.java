package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.ingest.BondsLoadTest.dec;

import java.nio.file.Path;
import java.sql.Date;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row rule of schemas/bonds.yaml, each broken by one row of one June file and kept by the others,
 * and the 合计 reconciliation. Two loads, once, in {@link #loadMayThenJune}: May (the previous month of
 * the cumulative rules, with an agreeing 合计), then June (the rules file, with a disagreeing 合计).
 *
 * <p>Every row is the "generic" row unless its comment says otherwise: 桃城区, 2023年第一批, 发行金额 10000,
 * 发行日期 2023-02-15, 计划 8000, 累计完成 2000, 已支出 2000 (万元), 已开工, the file's month.
 */
class BondsRulesTest extends SparkTest {
    @TempDir
    static Path dir;

    private static FileLoadResult may;
    private static FileLoadResult june;

    private static final String JUNE_FILE = "2023年6月专项债券项目进展.csv";

    private static String line(
            String code,
            String region,
            String amount,
            String issued,
            String completed,
            String spent,
            String started,
            String month) {
        return String.join(
                ",",
                code,
                "专项债项目" + code.substring(Math.max(0, code.length() - 3)),
                region,
                "2023年第一批",
                amount,
                issued,
                "8000",
                completed,
                spent,
                started,
                month);
    }

    private static String june(String code) {
        return line(code, "桃城区", "10000", "2023-02-15", "2000", "2000", "已开工", "2023-06");
    }

    @BeforeAll
    static void loadMayThenJune() {
        Warehouse w = warehouse(dir);
        String header = String.join(",", BondsLoadTest.HEADER);
        // May: Q1 completed 3000 / spent 2000, Q2 1000 / 1000, Q3 1000 / 2000; 合计 agrees:
        // 发行金额 3×10000 = 30000, 计划 3×8000 = 24000, 完成 3000+1000+1000 = 5000, 支出 2000+1000+2000 = 5000
        may = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("may"),
                        "2023年5月专项债券项目进展.csv",
                        "2023年5月地方政府专项债券项目进展情况",
                        "单位:万元",
                        header,
                        line(
                                "2208-131102-05-01-610001",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "3000",
                                "2000",
                                "已开工",
                                "2023-05"),
                        line(
                                "2208-131102-05-01-610002",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "1000",
                                "1000",
                                "已开工",
                                "2023-05"),
                        line(
                                "2208-131102-05-01-610003",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "1000",
                                "2000",
                                "已开工",
                                "2023-05"),
                        "合计,,,,30000,,24000,5000,5000,,"));

        june = LoadJob.on(w)
                .execute(TestFiles.utf8(
                        dir.resolve("jun"),
                        JUNE_FILE,
                        "2023年6月地方政府专项债券项目进展情况",
                        "单位:万元",
                        header,
                        // 4: Q1 completed 2500 < 3000 in May → warn completed_not_falling; spent 2500 ≥ 2000
                        line(
                                "2208-131102-05-01-610001",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "2500",
                                "2500",
                                "已开工",
                                "2023-06"),
                        // 5: Q2 1500 ≥ 1000 and 1500 ≥ 1000 → no warning
                        line(
                                "2208-131102-05-01-610002",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "1500",
                                "1500",
                                "已开工",
                                "2023-06"),
                        // 6: Q3 spent 1500 < 2000 in May → warn spent_not_falling; completed 2000 ≥ 1000
                        line(
                                "2208-131102-05-01-610003",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "2000",
                                "1500",
                                "已开工",
                                "2023-06"),
                        // 7: good, not started, nothing spent
                        line("2208-131102-05-01-610207", "桃城区", "10000", "2023-02-15", "0", "0", "未开工", "2023-06"),
                        // 8: empty code → required
                        june(""),
                        // 9: empty 发行金额 → required
                        line("2208-131102-05-01-610209", "桃城区", "", "2023-02-15", "2000", "2000", "已开工", "2023-06"),
                        // 10: 23 characters → code_shape
                        june("2208-131102-05-01-61021"),
                        // 11: region segment 110101 → code_region
                        june("2208-110101-05-01-610211"),
                        // 12: 东城区 → region_known
                        line(
                                "2208-131102-05-01-610212",
                                "东城区",
                                "10000",
                                "2023-02-15",
                                "2000",
                                "2000",
                                "已开工",
                                "2023-06"),
                        // 13: 发行金额 五千 → number_valid
                        line("2208-131102-05-01-610213", "桃城区", "五千", "2023-02-15", "2000", "2000", "已开工", "2023-06"),
                        // 14: 已支出 -10 → amount_not_negative
                        line("2208-131102-05-01-610214", "桃城区", "10000", "2023-02-15", "2000", "-10", "已开工", "2023-06"),
                        // 15: 2023-02-30 is no date → date_valid
                        line(
                                "2208-131102-05-01-610215",
                                "桃城区",
                                "10000",
                                "2023-02-30",
                                "2000",
                                "2000",
                                "已开工",
                                "2023-06"),
                        // 16: 开工状态 不确定 → flag_valid
                        line(
                                "2208-131102-05-01-610216",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "2000",
                                "2000",
                                "不确定",
                                "2023-06"),
                        // 17: spent 12000 > bond 10000 → spent_within_bond
                        line(
                                "2208-131102-05-01-610217",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "2000",
                                "12000",
                                "已开工",
                                "2023-06"),
                        // 18, 19: the same code twice → duplicate_row, both
                        june("2208-131102-05-01-610218"),
                        line(
                                "2208-131102-05-01-610218",
                                "桃城区",
                                "10000",
                                "2023-02-15",
                                "2100",
                                "2000",
                                "已开工",
                                "2023-06"),
                        // 20: good: 是 → started, issue date written 2023年3月10日
                        line("2208-131102-05-01-610220", "桃城区", "10000", "2023年3月10日", "2000", "2000", "是", "2023-06"),
                        // 21: 报送月份 六月 is no month → period_valid
                        line("2208-131102-05-01-610221", "桃城区", "10000", "2023-02-15", "2000", "2000", "已开工", "六月"),
                        // 22: 合计 发行金额 170000, but lines 4-21 hold 16 × 10000 = 160000 (line 9 empty, line 13 no number)
                        "合计,,,,170000,,,,,,"));
        juneOutcome = LoadOutcome.read(spark(), june.loadId(), "silver.bonds");
    }

    /** What the June load left in ops and silver (see LoadOutcome). */
    private static LoadOutcome juneOutcome;

    private static Row quarantined(int line) {
        Row r = juneOutcome.quarantined(line);
        return org.apache.spark.sql.RowFactory.create(r.get(1), r.get(2), r.get(4));
    }

    private static void assertDropped(int line, String rule, String... fragments) {
        Row q = quarantined(line);
        assertThat(q.<String>getList(0))
                .as("rules broken by June line %s", line)
                .containsExactly(rule);
        assertThat(q.getString(1))
                .as("reason of June line %s", line)
                .contains(JUNE_FILE, "第" + line + "行")
                .contains(fragments);
        assertThat(q.getString(2)).as("feed").isEqualTo("bonds");
        assertThat(juneOutcome.silverLines()).as("silver rows of the June load").doesNotContain(line);
    }

    private static void assertWarned(int line, String rule, String... fragments) {
        juneOutcome.assertWarned(line, rule, fragments);
    }

    @Test
    void juneLoadsTheRowsThatBreakNoDropRule() {
        assertThat(may.status()).as("May: %s", may.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(june.status()).as("June: %s", june.reasons()).isEqualTo(FileLoadResult.Status.PARTIAL);
        assertThat(june.rowsRead())
                .as("18 data rows (lines 4-21); the 合计 is not data")
                .isEqualTo(18);
        assertThat(june.rowsLoaded()).as("lines 4, 5, 6, 7, 20").isEqualTo(5);
        assertThat(june.rowsWarned()).as("lines 4, 6").isEqualTo(2);
        assertThat(june.rowsQuarantined()).as("lines 8-19 and 21").isEqualTo(13);
        assertDataFrameEquals(
                rows(
                        "source_row INT, project_code STRING, bond_amount_wan DECIMAL(18,2), issue_date DATE, "
                                + "completed_ytd_wan DECIMAL(18,2), bond_spent_wan DECIMAL(18,2), is_started BOOLEAN",
                        new Object[] {
                            4,
                            "2208-131102-05-01-610001",
                            dec("10000"),
                            Date.valueOf("2023-02-15"),
                            dec("2500"),
                            dec("2500"),
                            true
                        },
                        new Object[] {
                            5,
                            "2208-131102-05-01-610002",
                            dec("10000"),
                            Date.valueOf("2023-02-15"),
                            dec("1500"),
                            dec("1500"),
                            true
                        },
                        new Object[] {
                            6,
                            "2208-131102-05-01-610003",
                            dec("10000"),
                            Date.valueOf("2023-02-15"),
                            dec("2000"),
                            dec("1500"),
                            true
                        },
                        new Object[] {
                            7,
                            "2208-131102-05-01-610207",
                            dec("10000"),
                            Date.valueOf("2023-02-15"),
                            dec("0"),
                            dec("0"),
                            false
                        },
                        new Object[] {
                            20,
                            "2208-131102-05-01-610220",
                            dec("10000"),
                            Date.valueOf("2023-03-10"),
                            dec("2000"),
                            dec("2000"),
                            true
                        }),
                spark().sql(
                                "SELECT source_row, project_code, bond_amount_wan, issue_date, completed_ytd_wan, bond_spent_wan, "
                                        + "is_started FROM silver.bonds WHERE load_id = '" + june.loadId()
                                        + "' ORDER BY source_row"));
    }

    @Test
    void dqResultsCountEachRuleOnce() {
        assertDataFrameEquals(
                rows(
                        "rule_id STRING, action STRING, rows INT",
                        new Object[] {"amount_not_negative", "drop", 1},
                        new Object[] {"code_region", "drop", 1},
                        new Object[] {"code_shape", "drop", 1},
                        new Object[] {"completed_not_falling", "warn", 1},
                        new Object[] {"date_valid", "drop", 1},
                        new Object[] {"duplicate_row", "drop", 2},
                        new Object[] {"flag_valid", "drop", 1},
                        new Object[] {"number_valid", "drop", 1},
                        new Object[] {"period_valid", "drop", 1},
                        new Object[] {"region_known", "drop", 1},
                        new Object[] {"required", "drop", 2},
                        new Object[] {"spent_not_falling", "warn", 1},
                        new Object[] {"spent_within_bond", "drop", 1},
                        new Object[] {"total_reconciles", "warn", 1}),
                spark().sql("SELECT rule_id, action, rows FROM ops.dq_results WHERE load_id = '" + june.loadId()
                        + "' ORDER BY rule_id"));
        assertThat(spark().sql("SELECT count(*) FROM ops.dq_results WHERE load_id = '" + may.loadId() + "'")
                        .first()
                        .getLong(0))
                .as("May: nothing fired, its 合计 agrees")
                .isZero();
    }

    @Test
    void emptyCodeIsRequired() {
        // only required: an empty code is no badly shaped code
        assertDropped(8, "required", "第8行 项目代码: 必填项为空");
    }

    @Test
    void emptyBondAmountIsRequired() {
        assertDropped(9, "required", "发行金额(万元): 必填项为空");
    }

    @Test
    void codeOfWrongShape() {
        assertDropped(10, "code_shape", "项目代码「2208-131102-05-01-61021」格式不对");
    }

    @Test
    void codeWithARegionOutsideTheCity() {
        assertDropped(11, "code_region", "项目代码「2208-110101-05-01-610211」第6-11位应为衡水市的行政区划代码");
    }

    @Test
    void unknownRegion() {
        assertDropped(12, "region_known", "县市区: 「东城区」不是衡水市的县市区");
    }

    @Test
    void amountThatIsNoNumber() {
        assertDropped(13, "number_valid", "发行金额(万元): 「五千」不是数字");
    }

    @Test
    void negativeAmount() {
        assertDropped(14, "amount_not_negative", "已支出债券资金(万元): 金额「-10」不能为负数");
    }

    @Test
    void issueDateThatIsNoDate() {
        assertDropped(15, "date_valid", "发行日期: 「2023-02-30」不是可识别的日期");
    }

    @Test
    void startedFlagThatIsNeitherYesNorNo() {
        assertDropped(16, "flag_valid", "开工状态: 「不确定」应为 已开工/未开工 或 是/否");
    }

    @Test
    void spentAboveTheBond() {
        assertDropped(17, "spent_within_bond", "已支出债券资金 12000.00 万元超过发行金额 10000.00 万元");
    }

    @Test
    void reportMonthThatIsNoMonth() {
        assertDropped(21, "period_valid", "报送月份: 「六月」不是可识别的报送月份");
    }

    @Test
    void sameCodeTwiceInOneMonth() {
        assertDropped(18, "duplicate_row", "项目代码「2208-131102-05-01-610218」在同一月份的文件中出现了不止一次");
        assertDropped(19, "duplicate_row", "项目代码「2208-131102-05-01-610218」在同一月份的文件中出现了不止一次");
    }

    @Test
    void completedFallingFromMayWarns() {
        assertWarned(4, "completed_not_falling", "累计完成投资 2500.00 万元比上月(2023-05 的 3000.00 万元)还少");
    }

    @Test
    void spentFallingFromMayWarns() {
        assertWarned(6, "spent_not_falling", "已支出债券资金 1500.00 万元比上月(2023-05 的 2000.00 万元)还少");
    }

    @Test
    void totalRowThatDisagreesWarnsAndIsNotAProject() {
        Row dq = juneOutcome.dq("total_reconciles");
        assertThat(dq).as("total_reconciles").isNotNull();
        assertThat(dq.getString(1)).as("action").isEqualTo("warn");
        assertThat(dq.getString(3))
                .as("message")
                .contains(JUNE_FILE, "第22行", "发行金额(万元)", "合计行 170000.00 万元与各行之和 160000.00 万元相差 10000.00 万元");
        assertThat(juneOutcome.silverLines()).as("silver rows of the June load").doesNotContain(22);
        assertThat(spark().sql("SELECT count(*) FROM silver.bonds WHERE project_code LIKE '合计%'")
                        .first()
                        .getLong(0))
                .as("silver rows coded 合计")
                .isZero();
    }
}
