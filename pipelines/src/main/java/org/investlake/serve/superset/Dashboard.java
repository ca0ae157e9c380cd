package org.investlake.serve.superset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dashboard 投资和项目建设监测: the charts laid out in rows of the 12-column grid, and the native filters —
 * period (one, the latest by default) and unit for every chart that has them, 包联领导 and 责任单位 for the
 * watchlist.
 */
final class Dashboard {
    static final String TITLE = "投资和项目建设监测";
    static final String SLUG = "investlake-monitor";

    private Dashboard() {}

    static Map<String, Object> of(List<Charts.Chart> charts) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dashboard_title", TITLE);
        d.put("description", null);
        d.put("css", "");
        d.put("slug", SLUG);
        d.put("uuid", SupersetBundle.uuid("dashboard", SLUG));
        d.put("position", position(charts));
        d.put("metadata", metadata(charts));
        d.put("version", SupersetBundle.VERSION);
        return d;
    }

    /** The position id of a chart, and its chartId (any int unique in the dashboard; the importer remaps it). */
    static String nodeId(Charts.Chart c) {
        return "CHART-" + c.key();
    }

    static int chartId(List<Charts.Chart> charts, Charts.Chart c) {
        return charts.indexOf(c) + 1;
    }

    private static Map<String, Object> position(List<Charts.Chart> charts) {
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("DASHBOARD_VERSION_KEY", "v2");
        List<String> rows = new ArrayList<>();
        pos.put("ROOT_ID", node("ROOT_ID", "ROOT", null, List.of("GRID_ID"), null));
        pos.put("GRID_ID", node("GRID_ID", "GRID", List.of("ROOT_ID"), rows, null));
        pos.put("HEADER_ID", node("HEADER_ID", "HEADER", null, null, Map.of("text", TITLE)));
        List<String> rowChildren = null;
        int used = 12;
        String rowId = null;
        for (Charts.Chart c : charts) {
            if (used + c.width() > 12) {
                rowId = "ROW-" + (rows.size() + 1);
                rows.add(rowId);
                rowChildren = new ArrayList<>();
                pos.put(
                        rowId,
                        node(
                                rowId,
                                "ROW",
                                List.of("ROOT_ID", "GRID_ID"),
                                rowChildren,
                                Map.of("background", "BACKGROUND_TRANSPARENT")));
                used = 0;
            }
            used += c.width();
            rowChildren.add(nodeId(c));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("chartId", chartId(charts, c));
            meta.put("uuid", SupersetBundle.uuid("chart", c.key()));
            meta.put("width", c.width());
            meta.put("height", c.height());
            meta.put("sliceName", c.title());
            pos.put(nodeId(c), node(nodeId(c), "CHART", List.of("ROOT_ID", "GRID_ID", rowId), List.of(), meta));
        }
        return pos;
    }

    private static Map<String, Object> node(
            String id, String type, List<String> parents, List<String> children, Map<String, Object> meta) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        if (parents != null) {
            n.put("parents", parents);
        }
        if (children != null) {
            n.put("children", children);
        }
        if (meta != null) {
            n.put("meta", meta);
        }
        return n;
    }

    private static Map<String, Object> metadata(List<Charts.Chart> charts) {
        Set<String> watchlist = Set.of("project_watchlist");
        List<Map<String, Object>> filters = new ArrayList<>();
        // one period at a time, the latest first: the bars, tables and headline numbers describe one month
        filters.add(filter(
                "period",
                "统计期",
                "region_growth",
                "period",
                false,
                true,
                excluded(charts, c -> c.key().equals("growth_trend"))));
        filters.add(filter(
                "unit",
                "县市区",
                "region_growth",
                "region_name",
                true,
                false,
                excluded(
                        charts,
                        // the outlook names its units subject_name (a row may be a sector): the unit filter skips it
                        c -> Set.of("city_kpis", "sector_growth", "target_outlook")
                                .contains(c.table()))));
        filters.add(filter(
                "leader",
                "包联领导",
                "project_watchlist",
                "leader",
                true,
                false,
                excluded(charts, c -> !watchlist.contains(c.table()))));
        filters.add(filter(
                "responsible_unit",
                "责任单位",
                "project_watchlist",
                "responsible_unit",
                true,
                false,
                excluded(charts, c -> !watchlist.contains(c.table()))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("color_scheme", "supersetColors");
        m.put("refresh_frequency", 0);
        m.put("timed_refresh_immune_slices", List.of());
        m.put("expanded_slices", Map.of());
        m.put("label_colors", Map.of());
        m.put("native_filter_configuration", filters);
        return m;
    }

    private static List<Integer> excluded(List<Charts.Chart> charts, Predicate<Charts.Chart> out) {
        return charts.stream().filter(out).map(c -> chartId(charts, c)).toList();
    }

    private static Map<String, Object> filter(
            String key,
            String name,
            String table,
            String column,
            boolean multi,
            boolean latestFirst,
            List<Integer> excluded) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("column", Map.of("name", column));
        target.put("datasetUuid", SupersetBundle.uuid("dataset", Datasets.SCHEMA + "." + table));
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("multiSelect", multi);
        control.put("enableEmptyFilter", latestFirst);
        control.put("defaultToFirstItem", latestFirst);
        control.put("inverseSelection", false);
        control.put("searchAllOptions", false);
        control.put("sortAscending", !latestFirst);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", "NATIVE_FILTER-" + key);
        f.put("name", name);
        f.put("type", "NATIVE_FILTER");
        f.put("filterType", "filter_select");
        f.put("targets", List.of(target));
        f.put("controlValues", control);
        f.put("defaultDataMask", Map.of("extraFormData", Map.of(), "filterState", Map.of(), "ownState", Map.of()));
        f.put("cascadeParentIds", List.of());
        f.put("scope", Map.of("rootPath", List.of("ROOT_ID"), "excluded", excluded));
        f.put("description", "");
        return f;
    }
}
