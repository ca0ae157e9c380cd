package org.investlake.report;

import static org.investlake.report.BulletinData.dec;
import static org.investlake.report.BulletinData.str;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.investlake.report.ReportTable.Column;

/**
 * The bulletin's tables, the same for the page and the workbook: every cell is a gold mart's value as it stands
 * (rates as fractions, money in 万元 or 亿元 as the mart has it), or null where the mart has none — the reason is
 * then in a text column of the same row or in the table's note.
 */
public final class BulletinTables {
    public static final String KPIS = "核心指标";
    public static final String REGIONS = "县市区增速";
    public static final String SECTORS = "行业领域增速";
    public static final String KEY_PROJECTS = "重点项目";
    public static final String BONDS = "专项债券";
    public static final String SCORECARD = "综合评价";
    public static final String ALERTS = "回落预警";
    public static final String INTERVIEWS = "约谈名单";
    public static final String LIGHTS = "红黄灯项目";
    public static final String OUTLOOK = "目标研判";
    public static final String CHECKS = "数据核查";

    private BulletinTables() {}

    /** Every table of the bulletin, in the order printed. */
    public static List<ReportTable> all(BulletinData d) {
        List<ReportTable> out = new ArrayList<>(List.of(
                kpis(d),
                regions(d),
                sectors(d),
                keyProjects(d),
                bonds(d),
                scorecard(d),
                alerts(d),
                interviews(d),
                lights(d)));
        if (d.reads("target_outlook")) {
            out.add(outlook(d));
        }
        if (d.reads("consistency_checks")) {
            out.add(checks(d));
        }
        return out;
    }

    private static Column c(String label, String kind) {
        return new Column(label, kind);
    }

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    static ReportTable kpis(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : d.rows("city_kpis", Comparator.comparing(x -> kpiOrder(str(x.get("kpi_code")))))) {
            rows.add(row(
                    r.get("kpi_name"),
                    r.get("unit"),
                    inUnit(dec(r.get("actual")), str(r.get("unit"))),
                    inUnit(dec(r.get("target")), str(r.get("unit"))),
                    dec(r.get("attainment")),
                    note(str(r.get("actual_note")), str(r.get("attainment_note")))));
        }
        return new ReportTable(
                KPIS,
                d.year() + "年" + d.span() + "全市核心指标完成情况",
                "单位:见各行(%、个、亿元);完成度 = 实际 ÷ 目标",
                List.of(
                        c("指标", "text"),
                        c("单位", "text"),
                        c("实际", "number"),
                        c("年度目标", "number"),
                        c("完成度", "percent1"),
                        c("说明", "text")),
                rows,
                rows.isEmpty()
                        ? String.join(
                                ";",
                                d.missingFeeds().stream()
                                        .filter(m -> !m.contains("专项债券") && !m.contains("分行业"))
                                        .toList())
                        : null);
    }

    /** A count is whole (5个, not 5.00), a growth has one decimal (5.6%), an amount two (1.85亿元). */
    private static Object inUnit(BigDecimal v, String unit) {
        if (v == null) {
            return null;
        }
        if ("个".equals(unit) && v.stripTrailingZeros().scale() <= 0) {
            return v.longValueExact();
        }
        return v.setScale("%".equals(unit) ? 1 : 2, RoundingMode.HALF_UP);
    }

    private static int kpiOrder(String code) {
        List<String> order = List.of(
                "fai_growth",
                "key_project_count",
                "key_project_completed",
                "new_start_total_investment",
                "new_start_completed",
                "private_promotion_count",
                "private_promotion_investment");
        int i = order.indexOf(code);
        return i < 0 ? order.size() : i;
    }

    static ReportTable regions(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        // 全市 first, then the ranked units in rank order, then the units without growth
        Comparator<Map<String, Object>> order =
                Comparator.comparing((Map<String, Object> r) -> d.cityCode().equals(r.get("region_code")) ? 0 : 1);
        for (Map<String, Object> r : d.rows("region_growth", order.thenComparing(Commentary.byRank()))) {
            rows.add(row(
                    r.get("rank") == null ? null : ((Number) r.get("rank")).intValue(),
                    r.get("region_name"),
                    dec(r.get("ytd_growth_pct")),
                    dec(r.get("target_growth_pct")),
                    dec(r.get("gap_pp")),
                    dec(r.get("prev_growth_pct")),
                    dec(r.get("change_pp")),
                    Boolean.TRUE.equals(r.get("drop_alert")) ? "回落预警" : null,
                    note(r.get("ytd_growth_pct") == null ? "增速数据未报送" : null, str(r.get("target_note")))));
        }
        return new ReportTable(
                REGIONS,
                d.year() + "年" + d.span() + "各县市区固定资产投资增速",
                "单位:%,百分点;排名按累计增速(保留一位小数)从高到低",
                List.of(
                        c("排名", "integer"),
                        c("地区", "text"),
                        c("累计增速(%)", "decimal1"),
                        c("目标增速(%)", "decimal1"),
                        c("与目标差距(百分点)", "decimal1"),
                        c("上月增速(%)", "decimal1"),
                        c("较上月变动(百分点)", "decimal1"),
                        c("预警", "text"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? d.span() + "固定资产投资统计数据尚未报送" : null);
    }

    static ReportTable sectors(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r :
                d.rows("sector_growth", Comparator.comparing(x -> String.valueOf(x.get("sector_code"))))) {
            rows.add(row(
                    r.get("sector_name"),
                    dec(r.get("ytd_growth_pct")),
                    dec(r.get("target_growth_pct")),
                    dec(r.get("gap_pp")),
                    dec(r.get("prev_growth_pct")),
                    dec(r.get("change_pp")),
                    note(r.get("ytd_growth_pct") == null ? "增速数据未报送" : null, str(r.get("target_note")))));
        }
        return new ReportTable(
                SECTORS,
                d.year() + "年" + d.span() + "全市分行业领域固定资产投资增速",
                "单位:%,百分点",
                List.of(
                        c("行业领域", "text"),
                        c("累计增速(%)", "decimal1"),
                        c("目标增速(%)", "decimal1"),
                        c("与目标差距(百分点)", "decimal1"),
                        c("上月增速(%)", "decimal1"),
                        c("较上月变动(百分点)", "decimal1"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? d.span() + "分行业领域固定资产投资数据尚未报送" : null);
    }

    static ReportTable keyProjects(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : cityFirst(d, d.rows("key_project_progress"))) {
            rows.add(row(
                    r.get("region_name"),
                    intOrNull(r.get("projects")),
                    intOrNull(r.get("started")),
                    dec(r.get("start_rate")),
                    dec(r.get("annual_plan_wan")),
                    dec(r.get("completed_ytd_wan")),
                    dec(r.get("target_yi")),
                    dec(r.get("target_attainment")),
                    dec(r.get("time_progress")),
                    dec(r.get("lag_pp")),
                    note(
                            str(r.get("start_rate_note")),
                            str(r.get("completion_rate_note")),
                            str(r.get("target_attainment_note")))));
        }
        return new ReportTable(
                KEY_PROJECTS,
                d.year() + "年" + d.month() + "月省市重点项目推进情况",
                "单位:个,万元,亿元,%;低于序时进度为正数(百分点)",
                List.of(
                        c("地区", "text"),
                        c("重点项目(个)", "integer"),
                        c("已开工(个)", "integer"),
                        c("开工率", "percent1"),
                        c("年度计划投资(万元)", "decimal2"),
                        c("累计完成投资(万元)", "decimal2"),
                        c("年度目标(亿元)", "decimal2"),
                        c("目标完成度", "percent1"),
                        c("序时进度", "percent1"),
                        c("低于序时进度(百分点)", "decimal1"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? d.month() + "月项目库数据尚未报送" : null);
    }

    static ReportTable bonds(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : cityFirst(d, d.rows("bond_progress"))) {
            rows.add(row(
                    r.get("region_name"),
                    intOrNull(r.get("projects")),
                    intOrNull(r.get("started")),
                    dec(r.get("start_rate")),
                    dec(r.get("bond_amount_wan")),
                    dec(r.get("completed_ytd_wan")),
                    dec(r.get("completion_rate")),
                    dec(r.get("spend_rate")),
                    note(str(r.get("completion_rate_note")), str(r.get("spend_rate_note")))));
        }
        return new ReportTable(
                BONDS,
                d.year() + "年" + d.month() + "月专项债券项目推进情况",
                "单位:个,万元,%",
                List.of(
                        c("地区", "text"),
                        c("项目(个)", "integer"),
                        c("已开工(个)", "integer"),
                        c("开工率", "percent1"),
                        c("发行金额(万元)", "decimal2"),
                        c("累计完成投资(万元)", "decimal2"),
                        c("投资完成率", "percent1"),
                        c("资金支出率", "percent1"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? d.month() + "月专项债券数据尚未报送" : null);
    }

    static ReportTable scorecard(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : d.rows("region_scorecard", Commentary.byRank())) {
            rows.add(row(
                    r.get("rank") == null ? null : ((Number) r.get("rank")).intValue(),
                    r.get("region_name"),
                    dec(r.get("total_score")),
                    dec(r.get("fai_growth_score")),
                    dec(r.get("key_project_score")),
                    dec(r.get("bond_completion_score")),
                    dec(r.get("start_rate_score")),
                    intOrNull(r.get("bottom_streak")),
                    Boolean.TRUE.equals(r.get("interview_flag")) ? "约谈" : null,
                    str(r.get("reason"))));
        }
        return new ReportTable(
                SCORECARD,
                d.year() + "年" + d.span() + "县市区投资和项目建设综合评价",
                "单位:分(百分制);无数据的分项不计分,总分按有数据分项的权重折算",
                List.of(
                        c("排名", "integer"),
                        c("地区", "text"),
                        c("综合得分", "decimal2"),
                        c("投资增速得分", "decimal2"),
                        c("重点项目得分", "decimal2"),
                        c("专项债完成率得分", "decimal2"),
                        c("开工率得分", "decimal2"),
                        c("连续后位期数", "integer"),
                        c("约谈", "text"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? "本期无综合评价数据" : null);
    }

    static ReportTable alerts(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : d.rows("region_growth", Commentary.byRank())) {
            if (Boolean.TRUE.equals(r.get("drop_alert")) && r.get("rank") != null) {
                rows.add(row(
                        r.get("region_name"),
                        dec(r.get("ytd_growth_pct")),
                        dec(r.get("prev_growth_pct")),
                        dec(r.get("change_pp")),
                        dec(r.get("gap_pp"))));
            }
        }
        return new ReportTable(
                ALERTS,
                d.year() + "年" + d.span() + "投资增速回落预警",
                "单位:%,百分点",
                List.of(
                        c("地区", "text"),
                        c("累计增速(%)", "decimal1"),
                        c("上月增速(%)", "decimal1"),
                        c("较上月变动(百分点)", "decimal1"),
                        c("与目标差距(百分点)", "decimal1")),
                rows,
                !d.hasStats() ? d.span() + "固定资产投资统计数据尚未报送" : rows.isEmpty() ? "本期无回落预警" : null);
    }

    static ReportTable interviews(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : d.rows("region_scorecard", Commentary.byRank())) {
            if (Boolean.TRUE.equals(r.get("interview_flag"))) {
                rows.add(row(
                        r.get("region_name"),
                        r.get("rank") == null ? null : ((Number) r.get("rank")).intValue(),
                        intOrNull(r.get("bottom_streak")),
                        str(r.get("reason"))));
            }
        }
        return new ReportTable(
                INTERVIEWS,
                d.year() + "年" + d.span() + "约谈名单",
                "连续多期综合评价排名靠后的县市区",
                List.of(c("地区", "text"), c("本期排名", "integer"), c("连续后位期数", "integer"), c("原因", "text")),
                rows,
                rows.isEmpty() ? "本期无列入约谈名单的县市区" : null);
    }

    static ReportTable lights(BulletinData d) {
        List<List<Object>> rows = new ArrayList<>();
        List<Map<String, Object>> list = d.rows(
                "project_watchlist",
                Comparator.comparing((Map<String, Object> r) -> "red".equals(r.get("light")) ? 0 : 1)
                        .thenComparing(r -> String.valueOf(r.get("region_code")))
                        .thenComparing(r -> String.valueOf(r.get("project_code"))));
        for (Map<String, Object> r : list) {
            String light = str(r.get("light"));
            if ("red".equals(light) || "yellow".equals(light)) {
                rows.add(row(
                        "red".equals(light) ? "红灯" : "黄灯",
                        r.get("project_name"),
                        r.get("region_name"),
                        str(r.get("leader")),
                        str(r.get("responsible_unit")),
                        dec(r.get("completion_rate")),
                        str(r.get("reason"))));
            }
        }
        return new ReportTable(
                LIGHTS,
                d.year() + "年" + d.month() + "月调度红黄灯项目",
                "总投资5000万元以上月调度项目中亮红灯、黄灯的项目",
                List.of(
                        c("亮灯", "text"),
                        c("项目名称", "text"),
                        c("地区", "text"),
                        c("包联领导", "text"),
                        c("责任单位", "text"),
                        c("完成率", "percent1"),
                        c("原因", "text")),
                rows,
                !d.hasProjects() ? d.month() + "月项目库数据尚未报送" : rows.isEmpty() ? "本期无红灯、黄灯项目" : null);
    }

    /** The order of gold.target_outlook's targets in the table: growth of the city and units, sectors, key projects. */
    private static final List<String> TARGETS = List.of("fai_growth", "sector_growth", "key_project_completed");

    static ReportTable outlook(BulletinData d) {
        List<Map<String, Object>> read = new ArrayList<>(d.rows("target_outlook"));
        // the growth targets and the key projects first, then the city's other indicators as the mart has them
        read.sort(Comparator.comparing((Map<String, Object> r) -> {
                    int at = TARGETS.indexOf(str(r.get("target_code")));
                    return at < 0 ? TARGETS.size() : at;
                })
                .thenComparing(r -> str(r.get("target_code")))
                .thenComparing(r -> d.cityCode().equals(r.get("subject_code")) ? 0 : 1)
                .thenComparing(r -> String.valueOf(r.get("subject_code"))));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : read) {
            // growth with one decimal, amounts with two, counts whole: the number columns show each its way
            String unit = str(r.get("unit"));
            Object monthly = r.get("needed_monthly_wan");
            rows.add(row(
                    r.get("target_name"),
                    r.get("subject_name"),
                    unit,
                    inUnit(dec(r.get("target")), unit),
                    inUnit(dec(r.get("actual")), unit),
                    inUnit(dec(r.get("projected")), unit),
                    dec(r.get("needed_growth_pct")),
                    monthly == null ? null : dec(monthly).divide(BigDecimal.valueOf(10000)),
                    r.get("status"),
                    note(
                            str(r.get("note")),
                            r.get("shape_source") == null ? null : "季节分布:" + r.get("shape_source"),
                            // an empty pace says why: the bureau sent growth rates without amounts
                            monthly == null && r.get("needed_growth_pct") != null ? "未报送累计额,无法测算月均需完成额" : null)));
        }
        return new ReportTable(
                OUTLOOK,
                d.year() + "年" + d.span() + "全年目标完成研判",
                "全年预计按目前进度测算;余下月份需增长为比上年同期;月均需完成单位:亿元",
                List.of(
                        c("目标", "text"),
                        c("地区/行业", "text"),
                        c("单位", "text"),
                        c("年度目标", "number"),
                        c("目前完成", "number"),
                        c("全年预计", "number"),
                        c("余下月份需增长(%)", "decimal1"),
                        c("余下月份月均需完成(亿元)", "decimal2"),
                        c("状态", "text"),
                        c("说明", "text")),
                rows,
                rows.isEmpty() ? d.span() + "尚无可研判的数据" : null);
    }

    static ReportTable checks(BulletinData d) {
        List<String> severity = List.of("高", "中", "低");
        List<Map<String, Object>> read = new ArrayList<>(d.rows("consistency_checks"));
        read.sort(Comparator.comparing((Map<String, Object> r) -> severity.indexOf(str(r.get("severity"))))
                .thenComparing(r -> String.valueOf(r.get("check_code")))
                .thenComparing(r -> String.valueOf(r.get("region_code"))));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : read) {
            rows.add(row(r.get("check_name"), r.get("severity"), r.get("region_name"), r.get("sentence")));
        }
        return new ReportTable(
                CHECKS,
                d.year() + "年" + d.span() + "数据质量核查",
                "严重程度:高、中、低;只标记,不改动数据",
                List.of(c("核查项", "text"), c("严重程度", "text"), c("地区", "text"), c("说明", "text")),
                rows,
                rows.isEmpty() ? "本期各项核查均未发现需要核实的问题" : null);
    }

    private static List<Map<String, Object>> cityFirst(BulletinData d, List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing((Map<String, Object> r) -> d.cityCode().equals(r.get("region_code")) ? 0 : 1)
                .thenComparing(r -> String.valueOf(r.get("region_code"))));
        return out;
    }

    private static Integer intOrNull(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    /** The non-empty notes joined with ;, or null. */
    private static String note(String... notes) {
        String s = Arrays.stream(notes)
                .filter(n -> n != null && !n.isBlank())
                .distinct()
                .reduce((a, b) -> a + ";" + b)
                .orElse(null);
        return s;
    }
}
