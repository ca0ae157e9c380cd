package org.investlake.serve.superset;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.investlake.reference.YearTargets;

/**
 * The charts of the dashboard 投资和项目建设监测, in the order a leader reads them. Target numbers in the titles
 * come from the year's config/targets file; the charts themselves read the gold marts.
 */
final class Charts {
    private Charts() {}

    /** One chart: a stable key (file name, uuid, layout id), its title, dataset, form data and tile size. */
    record Chart(String key, String title, String table, String vizType, Map<String, Object> params, int width) {
        int height() {
            return vizType.equals("big_number_total") ? 25 : 60;
        }
    }

    static List<Chart> all(YearTargets t, String cityCode) {
        List<Chart> c = new ArrayList<>();
        c.add(bigNumber(
                "kpi_fai_growth",
                "全市固定资产投资增速(%) · 目标" + num(t.faiGrowthPct().get(cityCode)) + "%",
                "fai_growth_pct",
                3));
        c.add(bigNumber("kpi_key_projects", "省市重点项目个数 · 目标" + t.keyProjects().count() + "个", "key_project_count", 3));
        c.add(bigNumber(
                "kpi_key_completed",
                "重点项目完成投资(亿元) · 目标" + num(t.keyProjects().completedYi().get(cityCode)) + "亿元",
                "key_project_completed_yi",
                2));
        c.add(bigNumber(
                "kpi_new_starts",
                "新开工项目总投资(亿元) · 目标" + num(t.newStart().totalInvestmentYi()) + "亿元",
                "new_start_total_investment_yi",
                2));
        c.add(bigNumber(
                "kpi_private_promotion",
                "向民间资本推介项目(个) · 目标" + t.privatePromotion().count() + "个",
                "private_promotion_count",
                2));
        c.add(table(
                "kpi_table",
                "全市核心指标与年度目标",
                "city_kpis",
                List.of("kpi_name", "unit", "actual", "target", "attainment", "actual_note"),
                "kpi_code",
                true,
                12));
        c.add(bars(
                "growth_by_unit",
                "各县市区固定资产投资增速与目标(%)",
                "region_growth",
                "region_name",
                List.of("growth_pct", "target_growth_pct"),
                6));
        c.add(bars(
                "growth_by_sector",
                "分行业领域投资增速与目标(%)",
                "sector_growth",
                "sector_name",
                List.of("growth_pct", "target_growth_pct"),
                6));
        c.add(table(
                "growth_ranking",
                "县市区投资增速排名(较上期变动、与目标差距)",
                "region_growth",
                List.of(
                        "rank",
                        "region_name",
                        "ytd_growth_pct",
                        "target_growth_pct",
                        "gap_pp",
                        "prev_growth_pct",
                        "change_pp",
                        "meets_target",
                        "drop_alert"),
                "rank",
                true,
                12));
        c.add(trend());
        c.add(bars(
                "key_project_rates",
                "重点项目目标完成度、开工率与序时进度",
                "key_project_progress",
                "region_name",
                List.of("target_attainment", "completion_rate", "start_rate", "time_progress"),
                6));
        c.add(bars(
                "bond_rates",
                "专项债券项目完成率、开工率与序时进度",
                "bond_progress",
                "region_name",
                List.of("completion_rate", "start_rate", "time_progress"),
                6));
        c.add(table(
                "scorecard",
                "县市区综合评价",
                "region_scorecard",
                List.of(
                        "rank",
                        "region_name",
                        "total_score",
                        "fai_growth_score",
                        "key_project_score",
                        "bond_completion_score",
                        "start_rate_score",
                        "bottom_streak",
                        "interview_flag",
                        "reason"),
                "rank",
                true,
                8));
        c.add(where(
                table(
                        "interview_list",
                        "约谈名单(连续排名后列)",
                        "region_scorecard",
                        List.of("region_name", "rank", "bottom_streak", "reason"),
                        "rank",
                        true,
                        4),
                "interview_flag = true"));
        c.add(lightsPie());
        c.add(table(
                "watchlist",
                "月调度项目红黄绿灯",
                "project_watchlist",
                List.of(
                        Datasets.LIGHT_LABEL,
                        "project_name",
                        "region_name",
                        "leader",
                        "responsible_unit",
                        "level",
                        "stage",
                        "completion_rate",
                        "time_progress",
                        "reason"),
                "light",
                false,
                8));
        // the outlook: the city's sentence per headline target, then every target of every unit and sector
        c.add(where(
                table(
                        "outlook_city",
                        "全年目标研判(全市)",
                        "target_outlook",
                        List.of("target_name", "status", "sentence", "note"),
                        "target_code",
                        true,
                        12),
                "subject_kind = 'city'"));
        c.add(table(
                "outlook",
                "全年目标研判(各县市区、行业):全年预计与余下月份所需",
                "target_outlook",
                List.of(
                        "target_name",
                        "subject_name",
                        "unit",
                        "target",
                        "actual",
                        "projected",
                        "needed_growth_pct",
                        "needed_monthly_wan",
                        "status",
                        "shape_source",
                        "note"),
                "target_code",
                true,
                12));
        c.add(table(
                "consistency_checks",
                "数据质量核查(发布前请统计部门核实)",
                "consistency_checks",
                List.of("severity", "check_name", "region_name", "sentence"),
                "check_code",
                true,
                12));
        return c;
    }

    /** 7.0 → "7", 7.5 → "7.5": targets as the work plan writes them. */
    static String num(Double d) {
        if (d == null) {
            throw new IllegalStateException("a target the dashboard shows is missing from the targets file");
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Chart bigNumber(String key, String title, String metric, int width) {
        Map<String, Object> p = base("big_number_total");
        p.put("metric", metric);
        p.put("header_font_size", 0.4);
        p.put("subheader_font_size", 0.15);
        p.put("y_axis_format", "SMART_NUMBER");
        p.put("time_format", "smart_date");
        return new Chart(key, title, "city_kpis", "big_number_total", p, width);
    }

    /** A table of the rows of one period, in the mart's own order (rank, light, …). */
    private static Chart table(
            String key, String title, String table, List<String> columns, String orderBy, boolean asc, int width) {
        Map<String, Object> p = base("table");
        p.put("query_mode", "raw");
        p.put("all_columns", columns);
        p.put("order_by_cols", List.of("[\"" + orderBy + "\", " + asc + "]"));
        p.put("row_limit", 1000);
        p.put("include_search", true);
        return new Chart(key, title, table, "table", p, width);
    }

    /** Bars per unit or sector, one bar per metric (growth and its target side by side). */
    private static Chart bars(
            String key, String title, String table, String category, List<String> metrics, int width) {
        Map<String, Object> p = base("echarts_timeseries_bar");
        p.put("x_axis", category);
        p.put("metrics", metrics);
        p.put("groupby", List.of());
        p.put("orientation", "vertical");
        p.put("row_limit", 100);
        p.put("show_legend", true);
        p.put("y_axis_format", metrics.contains("growth_pct") ? ".1f" : ".0%");
        return new Chart(key, title, table, "echarts_timeseries_bar", p, width);
    }

    private static Chart trend() {
        Map<String, Object> p = base("echarts_timeseries_line");
        p.put("x_axis", Datasets.PERIOD_MONTH);
        p.put("granularity_sqla", Datasets.PERIOD_MONTH); // the time column of Superset 2.x
        p.put("time_grain_sqla", "P1M");
        p.put("metrics", List.of("growth_pct"));
        p.put("groupby", List.of("region_name"));
        p.put("row_limit", 10000);
        p.put("show_legend", true);
        p.put("x_axis_time_format", "%Y-%m");
        p.put("y_axis_format", ".1f");
        return new Chart("growth_trend", "各县市区投资增速走势(%)", "region_growth", "echarts_timeseries_line", p, 12);
    }

    private static Chart lightsPie() {
        Map<String, Object> p = base("pie");
        p.put("groupby", List.of(Datasets.LIGHT_LABEL));
        p.put("metric", "count");
        p.put("row_limit", 10);
        p.put("sort_by_metric", true);
        p.put("show_labels", true);
        p.put("label_type", "key_value");
        return new Chart("watchlist_lights", "月调度项目亮灯分布", "project_watchlist", "pie", p, 4);
    }

    private static Map<String, Object> base(String vizType) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("viz_type", vizType);
        p.put("adhoc_filters", new ArrayList<Map<String, Object>>());
        p.put("time_range", "No filter");
        p.put("color_scheme", "supersetColors");
        return p;
    }

    @SuppressWarnings("unchecked")
    /** The chart with a SQL filter on its rows (adhoc_filters, as Superset saves a custom SQL WHERE). */
    private static Chart where(Chart c, String sql) {
        filters(c).add(sqlFilter(sql));
        return c;
    }

    private static List<Map<String, Object>> filters(Chart c) {
        return (List<Map<String, Object>>) c.params().get("adhoc_filters");
    }

    private static Map<String, Object> sqlFilter(String sql) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("expressionType", "SQL");
        f.put("clause", "WHERE");
        f.put("sqlExpression", sql);
        return f;
    }
}
