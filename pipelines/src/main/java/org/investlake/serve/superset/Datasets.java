package org.investlake.serve.superset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.investlake.storage.TableDoc;

/**
 * The database and the gold datasets of the bundle. Columns, types and their Chinese names come from the
 * real table schema and its sql/gold/NAME.yml (the same doc the table comments come from); the saved metrics
 * are the aggregates the charts use.
 */
final class Datasets {
    static final String DATABASE_NAME = "investlake";
    static final String SCHEMA = "gold";

    /** A column computed in Superset: every gold table has period (YYYY-MM) but no date a time axis can use. */
    static final String PERIOD_MONTH = "period_month";

    /** The watchlist's light as a coloured word: the table shows the traffic light at a glance. */
    static final String LIGHT_LABEL = "light_label";

    private Datasets() {}

    /** A saved metric: name, SQL aggregate, Chinese name, what it means, number format. */
    record Metric(String name, String expression, String label, String description, String d3format) {}

    /**
     * The saved metrics of each gold table beyond {@code count}. One period is selected on the dashboard (the
     * period filter is required), so an average over a unit's one row is that row's value.
     */
    static List<Metric> metrics(String table) {
        List<Metric> m = new ArrayList<>();
        m.add(new Metric("count", "COUNT(*)", "行数", "行数", null));
        switch (table) {
            case "region_growth", "sector_growth" -> {
                m.add(new Metric("growth_pct", "AVG(ytd_growth_pct)", "累计增速(%)", "年初累计增速(%),选定一期时即该期数值", ".1f"));
                m.add(new Metric(
                        "target_growth_pct",
                        "AVG(target_growth_pct)",
                        "目标增速(%)",
                        "当年目标增速(%),来自 config/targets",
                        ".1f"));
            }
            case "key_project_progress" -> {
                m.add(rate("target_attainment", "AVG(target_attainment)", "目标完成度", "完成投资 / 年度目标"));
                m.add(rate("completion_rate", "AVG(completion_rate)", "年度计划完成率", "完成投资 / 年度计划投资"));
                m.add(rate("start_rate", "AVG(start_rate)", "开工率", "计划开工项目中已开工的比例"));
                m.add(rate("time_progress", "AVG(time_progress)", "序时进度", "月份 / 12"));
            }
            case "bond_progress" -> {
                m.add(rate("completion_rate", "AVG(completion_rate)", "投资完成率", "完成投资 / 年度计划投资"));
                m.add(rate("start_rate", "AVG(start_rate)", "开工率", "已开工项目 / 项目个数"));
                m.add(rate("spend_rate", "AVG(spend_rate)", "债券资金支出率", "已支出债券资金 / 发行金额"));
                // bond_progress has no time-progress column: the same month / 12 as key_project_progress
                m.add(rate("time_progress", "AVG(month) / 12", "序时进度", "月份 / 12"));
            }
            case "city_kpis" -> {
                m.add(kpi("fai_growth", "fai_growth_pct", "全市固定资产投资增速(%)", ".1f"));
                m.add(kpi("key_project_count", "key_project_count", "省市重点项目个数", ",d"));
                m.add(kpi("key_project_completed", "key_project_completed_yi", "重点项目完成投资(亿元)", ",.2f"));
                m.add(kpi("new_start_total_investment", "new_start_total_investment_yi", "新开工项目总投资(亿元)", ",.2f"));
                m.add(kpi("new_start_completed", "new_start_completed_yi", "新开工项目完成投资(亿元)", ",.2f"));
                m.add(kpi("private_promotion_count", "private_promotion_count", "向民间资本推介项目个数", ",d"));
                m.add(kpi(
                        "private_promotion_investment", "private_promotion_investment_yi", "向民间资本推介项目总投资(亿元)", ",.2f"));
                m.add(new Metric("actual_value", "MAX(actual)", "实际", "指标实际值", ",.2f"));
                m.add(new Metric("target_value", "MAX(target)", "目标", "当年目标值,来自 config/targets", ",.2f"));
                m.add(rate("attainment", "MAX(attainment)", "完成度", "实际 / 目标"));
            }
            default -> {}
        }
        return m;
    }

    private static Metric rate(String name, String expression, String label, String description) {
        return new Metric(name, expression, label, description, ".1%");
    }

    private static Metric kpi(String code, String name, String label, String format) {
        return new Metric(
                name,
                "MAX(CASE WHEN kpi_code = '" + code + "' THEN actual END)",
                label,
                "全市核心指标 " + code + " 的实际值 (city_kpis.actual)",
                format);
    }

    /** {@code password} null: Superset asks for it at import (UI) or takes it from the API's passwords map. */
    static Map<String, Object> database(String sqlalchemyUri, String password) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("metadata_params", Map.of());
        extra.put("engine_params", Map.of());
        extra.put("metadata_cache_timeout", Map.of());
        extra.put("schemas_allowed_for_csv_upload", List.of());
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("database_name", DATABASE_NAME);
        db.put("sqlalchemy_uri", sqlalchemyUri);
        if (password != null) {
            db.put("password", password);
        }
        db.put("cache_timeout", null);
        db.put("expose_in_sqllab", true);
        db.put("allow_run_async", false);
        db.put("allow_ctas", false);
        db.put("allow_cvas", false);
        db.put("allow_dml", false); // the endpoint refuses writes anyway
        db.put("allow_csv_upload", false);
        db.put("extra", extra);
        db.put("uuid", SupersetBundle.uuid("database", DATABASE_NAME));
        db.put("version", SupersetBundle.VERSION);
        return db;
    }

    static Map<String, Object> dataset(String table, StructType schema) {
        TableDoc doc = TableDoc.load(SCHEMA, table);
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("table_name", table);
        ds.put("schema", SCHEMA);
        ds.put("sql", null);
        ds.put("main_dttm_col", PERIOD_MONTH);
        ds.put("description", doc.tableComment());
        ds.put("default_endpoint", null);
        ds.put("offset", 0);
        ds.put("cache_timeout", null);
        ds.put("params", null);
        ds.put("template_params", null);
        ds.put("filter_select_enabled", true);
        ds.put("fetch_values_predicate", null);
        ds.put("extra", null);
        ds.put("uuid", SupersetBundle.uuid("dataset", SCHEMA + "." + table));
        ds.put("database_uuid", SupersetBundle.uuid("database", DATABASE_NAME));
        ds.put("version", SupersetBundle.VERSION);
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Metric m : metrics(table)) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("metric_name", m.name());
            mm.put("verbose_name", m.label());
            mm.put("metric_type", null);
            mm.put("expression", m.expression());
            mm.put("description", m.description());
            mm.put("d3format", m.d3format());
            mm.put("extra", null);
            mm.put("warning_text", null);
            metrics.add(mm);
        }
        ds.put("metrics", metrics);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            TableDoc.Column c = doc.column(f.name())
                    .orElseThrow(() -> new IllegalStateException("column gold." + table + "." + f.name()
                            + " is not documented in sql/gold/" + table + ".yml"));
            columns.add(column(f.name(), f.dataType().sql(), false, null, c.label(), c.description()));
        }
        columns.add(column(
                PERIOD_MONTH,
                "DATE",
                true,
                "to_date(concat(period, '-01'))",
                "统计期(月)",
                "统计期的月初日期,供时间轴使用 (由 period 计算)"));
        if (table.equals("project_watchlist")) {
            columns.add(column(
                    LIGHT_LABEL,
                    "STRING",
                    false,
                    "CASE light WHEN 'red' THEN '🔴 红灯' WHEN 'yellow' THEN '🟡 黄灯' WHEN 'green' THEN '🟢 绿灯'"
                            + " WHEN 'grey' THEN '⚪ 灰灯' ELSE light END",
                    "亮灯",
                    "亮灯的彩色标签 (由 light 计算)"));
        }
        ds.put("columns", columns);
        return ds;
    }

    private static Map<String, Object> column(
            String name, String type, boolean temporal, String expression, String label, String description) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("column_name", name);
        c.put("verbose_name", label);
        c.put("is_dttm", temporal);
        c.put("is_active", true);
        c.put("type", type);
        c.put("groupby", true);
        c.put("filterable", true);
        c.put("expression", expression);
        c.put("description", description);
        c.put("python_date_format", null);
        c.put("extra", null);
        return c;
    }
}
