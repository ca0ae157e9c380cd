package org.investlake.serve.superset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks a Superset import bundle the way the importer would read it, without a Superset: one root folder,
 * metadata version 1.0.0, only the keys Superset 2.1 to 6.x accept, required keys, unique uuids, every uuid
 * link resolving, a well-formed position tree, and every column and metric a chart or filter uses present in
 * its dataset and in the real table (schema.table → schema, from {@code realSchemas}). Returns the problems
 * found, one sentence each; none means the bundle is sound.
 */
public final class BundleValidator {
    private static final long MAX_ENTRY = 100L * 1024 * 1024;
    private static final String MASK = SupersetBundle.PASSWORD_MASK;

    // the portable key sets (Superset 2.1 → 6.x); any other key is "Unknown field." to some importer
    private static final Set<String> DATABASE_KEYS = Set.of(
            "database_name",
            "sqlalchemy_uri",
            "password",
            "cache_timeout",
            "expose_in_sqllab",
            "allow_run_async",
            "allow_ctas",
            "allow_cvas",
            "allow_dml",
            "allow_csv_upload",
            "allow_file_upload",
            "extra",
            "uuid",
            "version",
            "is_managed_externally",
            "external_url");
    private static final Set<String> DATABASE_EXTRA_KEYS = Set.of(
            "metadata_params",
            "engine_params",
            "metadata_cache_timeout",
            "schemas_allowed_for_csv_upload",
            "schemas_allowed_for_file_upload",
            "cost_estimate_enabled");
    private static final Set<String> DATASET_KEYS = Set.of(
            "table_name",
            "schema",
            "sql",
            "main_dttm_col",
            "description",
            "default_endpoint",
            "offset",
            "cache_timeout",
            "params",
            "template_params",
            "filter_select_enabled",
            "fetch_values_predicate",
            "extra",
            "uuid",
            "database_uuid",
            "version",
            "metrics",
            "columns",
            "is_managed_externally",
            "external_url");
    private static final Set<String> COLUMN_KEYS = Set.of(
            "column_name",
            "verbose_name",
            "is_dttm",
            "is_active",
            "type",
            "groupby",
            "filterable",
            "expression",
            "description",
            "python_date_format",
            "extra");
    private static final Set<String> METRIC_KEYS = Set.of(
            "metric_name",
            "expression",
            "verbose_name",
            "metric_type",
            "description",
            "d3format",
            "extra",
            "warning_text");
    private static final Set<String> CHART_KEYS = Set.of(
            "slice_name",
            "viz_type",
            "params",
            "cache_timeout",
            "uuid",
            "dataset_uuid",
            "version",
            "description",
            "certified_by",
            "certification_details",
            "is_managed_externally",
            "external_url");
    private static final Set<String> DASHBOARD_KEYS = Set.of(
            "dashboard_title",
            "description",
            "css",
            "slug",
            "uuid",
            "position",
            "metadata",
            "version",
            "is_managed_externally",
            "external_url");
    private static final Set<String> DASHBOARD_METADATA_KEYS = Set.of(
            "native_filter_configuration",
            "chart_configuration",
            "global_chart_configuration",
            "filter_sets_configuration",
            "timed_refresh_immune_slices",
            "filter_scopes",
            "expanded_slices",
            "refresh_frequency",
            "default_filters",
            "stagger_refresh",
            "stagger_time",
            "color_scheme",
            "color_namespace",
            "positions",
            "label_colors",
            "shared_label_colors",
            "color_scheme_domain",
            "cross_filters_enabled",
            "import_time",
            "remote_id",
            "filter_bar_orientation",
            "native_filter_migration");
    private static final Set<String> AGGREGATES = Set.of("SUM", "AVG", "COUNT", "COUNT_DISTINCT", "MIN", "MAX");
    private static final Pattern URI = Pattern.compile(
            "^(hive|hive\\+https?)://(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^:/?#]+)(?::(\\d+))?/([^?#]*)(?:\\?(.*))?$");

    private final Function<String, Optional<StructType>> realSchemas;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Map<String, Object>> databases = new TreeMap<>();
    private final Map<String, Map<String, Object>> datasets = new TreeMap<>();
    private final Map<String, Map<String, Object>> charts = new TreeMap<>();
    private final Map<String, Map<String, Object>> dashboards = new TreeMap<>();
    private final Map<String, String> fileOfUuid = new HashMap<>();

    private BundleValidator(Function<String, Optional<StructType>> realSchemas) {
        this.realSchemas = realSchemas;
    }

    /** The problems of the bundle at {@code zip}; {@code realSchemas} answers "schema.table" → its schema. */
    public static List<String> validate(Path zip, Function<String, Optional<StructType>> realSchemas) {
        BundleValidator v = new BundleValidator(realSchemas);
        v.run(zip);
        return List.copyOf(v.problems);
    }

    private void problem(String format, Object... args) {
        problems.add(String.format(Locale.ROOT, format, args));
    }

    private void run(Path zip) {
        Map<String, String> texts = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Set<String> roots = new HashSet<>();
            long size = 0;
            long compressed = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.contains("..") || name.startsWith("/")) {
                    problem("%s: entry name leaves the bundle", name);
                }
                int slash = name.indexOf('/');
                if (slash <= 0) {
                    problem("%s: at the zip's top level; Superset drops the first folder of every path", name);
                    continue;
                }
                roots.add(name.substring(0, slash));
                if (entry.isDirectory()) {
                    continue;
                }
                size += entry.getSize();
                compressed += entry.getCompressedSize();
                if (entry.getSize() > MAX_ENTRY) {
                    problem("%s: larger than Superset's 100 MiB per file", name);
                }
                String rel = name.substring(slash + 1);
                String base = rel.substring(rel.lastIndexOf('/') + 1);
                String lower = base.toLowerCase(Locale.ROOT);
                if (base.startsWith(".")
                        || base.startsWith("_")
                        || !(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
                    continue; // ignored by the importer
                }
                try (InputStream in = z.getInputStream(entry)) {
                    texts.put(rel, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            if (roots.size() != 1) {
                problem("the zip has %d top-level folders %s; Superset expects exactly one", roots.size(), roots);
            }
            if (compressed <= 0 || (double) size / compressed > 200.0) {
                problem(
                        "compression ratio %d/%d is outside Superset's limit (compressed > 0, ratio ≤ 200)",
                        size, compressed);
            }
        } catch (IOException e) {
            problem("cannot open %s as a zip: %s", zip, e.getMessage());
            return;
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Map<String, Object>> parsed = new TreeMap<>();
        texts.forEach((path, text) -> {
            try {
                Object o = yaml.load(text);
                if (o instanceof Map<?, ?> m) {
                    parsed.put(path, cast(m));
                } else {
                    problem("%s: not a YAML mapping", path);
                }
            } catch (RuntimeException e) {
                problem(
                        "%s: not valid YAML: %s",
                        path, e.getMessage().lines().findFirst().orElse(""));
            }
        });
        checkMetadata(parsed.get("metadata.yaml"));
        parsed.forEach((path, m) -> {
            String prefix = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
            switch (prefix) {
                case "databases" ->
                    register(
                            path,
                            m,
                            databases,
                            DATABASE_KEYS,
                            "database_name",
                            "sqlalchemy_uri",
                            "allow_csv_upload|allow_file_upload",
                            "extra");
                case "datasets" -> register(path, m, datasets, DATASET_KEYS, "table_name", "database_uuid");
                case "charts" ->
                    register(path, m, charts, CHART_KEYS, "slice_name", "viz_type", "dataset_uuid", "params");
                case "dashboards" -> register(path, m, dashboards, DASHBOARD_KEYS, "dashboard_title", "position");
                default -> {}
            }
        });
        databases.forEach(this::checkDatabase);
        datasets.forEach(this::checkDataset);
        charts.forEach(this::checkChart);
        dashboards.forEach(this::checkDashboard);
        unique(databases, "database_name");
        unique(dashboards, "slug");
        Set<String> tables = new HashSet<>();
        datasets.forEach((path, d) -> {
            if (!tables.add(d.get("database_uuid") + "/" + d.get("schema") + "." + d.get("table_name"))) {
                problem("%s: a second dataset for %s.%s", path, d.get("schema"), d.get("table_name"));
            }
        });
        if (dashboards.isEmpty()) {
            problem("no dashboard: the dashboard importer imports only what a dashboard reaches");
        }
    }

    private void checkMetadata(Map<String, Object> m) {
        if (m == null) {
            problem("metadata.yaml missing under the root folder");
            return;
        }
        if (!SupersetBundle.VERSION.equals(m.get("version"))) {
            problem("metadata.yaml: version is %s, must be the string 1.0.0", m.get("version"));
        }
        Object type = m.get("type");
        if (type != null && !Set.of("Dashboard", "assets").contains(type)) {
            problem("metadata.yaml: type %s is neither Dashboard nor assets", type);
        }
        if (m.containsKey("timestamp") && !(m.get("timestamp") instanceof String)) {
            problem("metadata.yaml: timestamp must be a quoted ISO-8601 string");
        }
    }

    private void register(
            String path,
            Map<String, Object> m,
            Map<String, Map<String, Object>> into,
            Set<String> allowed,
            String... required) {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                problem("%s: key %s is not accepted by every Superset from 2.1 to 6.x", path, key);
            }
        }
        for (String req : List.of(required)) {
            if (List.of(req.split("\\|")).stream().noneMatch(m::containsKey)) {
                problem("%s: required key %s missing", path, req);
            }
        }
        if (!"1.0.0".equals(m.get("version"))) {
            problem("%s: version must be 1.0.0", path);
        }
        String uuid = str(m.get("uuid"));
        if (!isUuid(uuid)) {
            problem("%s: uuid %s is not a uuid", path, uuid);
            return;
        }
        String other = fileOfUuid.put(uuid, path);
        if (other != null) {
            problem("%s: uuid %s already used by %s", path, uuid, other);
        }
        into.put(uuid, withPath(m, path));
    }

    private static Map<String, Object> withPath(Map<String, Object> m, String path) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put("\0path", path);
        return copy;
    }

    private static String pathOf(Map<String, Object> m) {
        return (String) m.get("\0path");
    }

    private void checkDatabase(String uuid, Map<String, Object> db) {
        String path = pathOf(db);
        if (!(db.get("extra") instanceof Map<?, ?> extra)) {
            problem("%s: extra must be a mapping", path);
        } else {
            extra.keySet().stream()
                    .filter(k -> !DATABASE_EXTRA_KEYS.contains(k))
                    .forEach(k -> problem("%s: extra.%s is not accepted by every Superset from 2.1 to 6.x", path, k));
        }
        Matcher uri = URI.matcher(str(db.get("sqlalchemy_uri")));
        if (!uri.matches()) {
            problem(
                    "%s: sqlalchemy_uri %s is not hive://[user[:password]@]host[:port]/database[?…]",
                    path, db.get("sqlalchemy_uri"));
            return;
        }
        String password = uri.group(3);
        String query = uri.group(7) == null ? "" : uri.group(7);
        if (password != null) {
            if (!password.equals(MASK)) {
                problem("%s: the sqlalchemy_uri carries a password in clear; write the mask %s", path, MASK);
            }
            if (!query.matches("(?i)(.*&)?auth=(CUSTOM|LDAP)(&.*)?")) {
                problem("%s: a password needs auth=CUSTOM or auth=LDAP in the URI (PyHive refuses it otherwise)", path);
            }
        }
        if (db.get("password") != null && !MASK.equals(password)) {
            // Superset resets the stored password when the URI has no password component
            problem("%s: a password key needs the mask in the URI (user:%s@host), or Superset drops it", path, MASK);
        }
    }

    private void checkDataset(String uuid, Map<String, Object> ds) {
        String path = pathOf(ds);
        if (!databases.containsKey(str(ds.get("database_uuid")))) {
            problem("%s: database_uuid %s is no database of the bundle", path, ds.get("database_uuid"));
        }
        String qualified = ds.get("schema") + "." + ds.get("table_name");
        Optional<StructType> real = realSchemas.apply(qualified);
        if (real.isEmpty()) {
            problem("%s: table %s does not exist in the warehouse", path, qualified);
        }
        Set<String> names = new HashSet<>();
        for (Map<String, Object> c : maps(ds.get("columns"), path + ": columns")) {
            c.keySet().stream()
                    .filter(k -> !COLUMN_KEYS.contains(k))
                    .forEach(k ->
                            problem("%s: column key %s is not accepted by every Superset from 2.1 to 6.x", path, k));
            String name = str(c.get("column_name"));
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                problem("%s: column %s listed twice", path, name);
            }
            String expression = str(c.get("expression"));
            if (real.isPresent()) {
                if (expression.isBlank()) {
                    Optional<StructField> f = field(real.get(), name);
                    if (f.isEmpty()) {
                        problem("%s: column %s is not a column of %s", path, name, qualified);
                    } else if (!f.get().dataType().sql().equalsIgnoreCase(str(c.get("type")))) {
                        problem(
                                "%s: column %s has type %s, the table says %s",
                                path, name, c.get("type"), f.get().dataType().sql());
                    }
                } else {
                    checkExpression(path, "column " + name, expression, real.get(), qualified);
                }
            }
            if (!(c.get("is_dttm") instanceof Boolean)) {
                problem("%s: column %s: is_dttm must be a boolean", path, name);
            }
        }
        Object dttm = ds.get("main_dttm_col");
        if (dttm != null && !isTemporal(ds, str(dttm))) {
            problem("%s: main_dttm_col %s is not a temporal column of the dataset", path, dttm);
        }
        Set<String> metricNames = new HashSet<>();
        for (Map<String, Object> m : maps(ds.get("metrics"), path + ": metrics")) {
            m.keySet().stream()
                    .filter(k -> !METRIC_KEYS.contains(k))
                    .forEach(k ->
                            problem("%s: metric key %s is not accepted by every Superset from 2.1 to 6.x", path, k));
            String name = str(m.get("metric_name"));
            if (!metricNames.add(name)) {
                problem("%s: metric %s listed twice", path, name);
            }
            if (str(m.get("expression")).isBlank()) {
                problem("%s: metric %s has no expression", path, name);
            } else if (real.isPresent()) {
                checkExpression(path, "metric " + name, str(m.get("expression")), real.get(), qualified);
            }
        }
    }

    private void checkExpression(String path, String what, String expression, StructType real, String table) {
        try {
            for (String col : SqlColumns.referenced(expression)) {
                if (field(real, col).isEmpty()) {
                    problem("%s: %s uses %s, not a column of %s", path, what, col, table);
                }
            }
        } catch (RuntimeException e) {
            problem("%s: %s: cannot parse %s", path, what, expression);
        }
    }

    private void checkChart(String uuid, Map<String, Object> chart) {
        String path = pathOf(chart);
        Map<String, Object> ds = datasets.get(str(chart.get("dataset_uuid")));
        if (ds == null) {
            problem("%s: dataset_uuid %s is no dataset of the bundle", path, chart.get("dataset_uuid"));
        }
        if (!(chart.get("params") instanceof Map<?, ?> raw)) {
            problem("%s: params must be a mapping", path);
            return;
        }
        Map<String, Object> p = cast(raw);
        String viz = str(chart.get("viz_type"));
        if (!viz.equals(p.get("viz_type"))) {
            problem("%s: params.viz_type %s differs from viz_type %s", path, p.get("viz_type"), viz);
        }
        switch (viz) {
            case "table" -> {
                boolean rawMode = "raw".equals(p.get("query_mode"))
                        || (p.get("query_mode") == null
                                && !strings(p.get("all_columns")).isEmpty());
                requireNonEmpty(path, p, rawMode ? "all_columns" : "metrics");
            }
            case "big_number_total" -> requireNonEmpty(path, p, "metric");
            case "pie" -> {
                requireNonEmpty(path, p, "metric");
                requireNonEmpty(path, p, "groupby");
            }
            case "echarts_timeseries_line", "echarts_timeseries_bar" -> {
                requireNonEmpty(path, p, "metrics");
                requireNonEmpty(path, p, "x_axis");
            }
            default -> problem("%s: viz_type %s is not one this validator knows to be portable", path, viz);
        }
        if (ds == null) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (String key : List.of("groupby", "all_columns", "columns")) {
            columns.addAll(strings(p.get(key)));
        }
        for (String key : List.of("x_axis", "granularity_sqla")) {
            if (p.get(key) != null) {
                columns.add(str(p.get(key)));
                if (!isTemporal(ds, str(p.get(key))) && key.equals("granularity_sqla")) {
                    problem("%s: granularity_sqla %s is not a temporal (is_dttm) column", path, p.get(key));
                }
            }
        }
        if (p.get("time_grain_sqla") != null && p.get("x_axis") != null && !isTemporal(ds, str(p.get("x_axis")))) {
            problem("%s: time_grain_sqla on x_axis %s, which is not temporal", path, p.get("x_axis"));
        }
        for (String sortKey : strings(p.get("order_by_cols"))) {
            Matcher m = Pattern.compile("^\\[\"([^\"]+)\",\\s*(true|false)]$").matcher(sortKey);
            if (m.matches()) {
                columns.add(m.group(1));
            } else {
                problem("%s: order_by_cols entry %s is not [\"column\", true|false]", path, sortKey);
            }
        }
        List<Object> metrics = new ArrayList<>();
        if (p.get("metric") != null) {
            metrics.add(p.get("metric"));
        }
        if (p.get("metrics") instanceof List<?> l) {
            metrics.addAll(l);
        }
        for (Object metric : metrics) {
            if (metric instanceof String name) {
                if (maps(ds.get("metrics"), "").stream().noneMatch(m -> name.equals(m.get("metric_name")))) {
                    problem("%s: metric %s is no saved metric of dataset %s", path, name, ds.get("table_name"));
                }
            } else if (metric instanceof Map<?, ?> adhoc) {
                if ("SIMPLE".equals(adhoc.get("expressionType"))) {
                    if (!AGGREGATES.contains(str(adhoc.get("aggregate")))) {
                        problem("%s: aggregate %s not one of %s", path, adhoc.get("aggregate"), AGGREGATES);
                    }
                    if (adhoc.get("column") instanceof Map<?, ?> col) {
                        columns.add(str(col.get("column_name")));
                    }
                } else {
                    sqlColumns(path, str(adhoc.get("sqlExpression")), ds);
                }
                if (adhoc.get("label") == null) {
                    problem("%s: an adhoc metric without a label", path);
                }
            }
        }
        for (Map<String, Object> f : maps(p.get("adhoc_filters"), path + ": adhoc_filters")) {
            if ("SIMPLE".equals(f.get("expressionType"))) {
                columns.add(str(f.get("subject")));
            } else {
                sqlColumns(path, str(f.get("sqlExpression")), ds);
            }
        }
        for (String c : columns) {
            requireColumn(path, "the chart", ds, c);
        }
    }

    /** A column a chart or filter uses: in its dataset, and — physical or computed — backed by the real table. */
    private void requireColumn(String path, String who, Map<String, Object> ds, String column) {
        if (column(ds, column).isEmpty()) {
            problem("%s: %s uses column %s, missing in dataset %s", path, who, column, ds.get("table_name"));
            return;
        }
        String qualified = ds.get("schema") + "." + ds.get("table_name");
        Optional<StructType> real = realSchemas.apply(qualified);
        boolean computed = !str(column(ds, column).get().get("expression")).isBlank();
        if (real.isPresent() && !computed && field(real.get(), column).isEmpty()) {
            problem("%s: %s uses column %s, not a column of the real table %s", path, who, column, qualified);
        }
    }

    /** Columns an SQL expression names are columns of the dataset (which checks them against the table). */
    private void sqlColumns(String path, String sql, Map<String, Object> ds) {
        try {
            SqlColumns.referenced(sql).forEach(c -> requireColumn(path, "expression " + sql, ds, c));
        } catch (RuntimeException e) {
            problem("%s: cannot parse %s", path, sql);
        }
    }

    private void requireNonEmpty(String path, Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof String s && s.isBlank())) {
            problem("%s: params.%s is required for viz_type %s", path, key, p.get("viz_type"));
        }
    }

    private void checkDashboard(String uuid, Map<String, Object> dash) {
        String path = pathOf(dash);
        if (!(dash.get("position") instanceof Map<?, ?> rawPos)) {
            problem("%s: position must be a mapping", path);
            return;
        }
        Map<String, Object> pos = cast(rawPos);
        if (!"v2".equals(pos.get("DASHBOARD_VERSION_KEY"))) {
            problem("%s: position.DASHBOARD_VERSION_KEY must be v2", path);
        }
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        pos.forEach((id, n) -> {
            if (id.equals("DASHBOARD_VERSION_KEY")) {
                return;
            }
            if (!(n instanceof Map<?, ?> node)) {
                problem("%s: position %s is not a node", path, id);
                return;
            }
            nodes.put(id, cast(node));
            if (!id.equals(node.get("id"))) {
                problem("%s: position key %s holds node id %s", path, id, node.get("id"));
            }
            if (node.get("type") == null) {
                problem("%s: position node %s has no type", path, id);
            }
        });
        if (!nodes.containsKey("ROOT_ID")
                || strings(nodes.get("ROOT_ID").get("children")).isEmpty()) {
            problem("%s: position has no ROOT_ID with children", path);
        } else {
            walk(path, nodes, "ROOT_ID", List.of(), new HashSet<>());
        }
        Set<Integer> chartIds = new HashSet<>();
        Set<String> placed = new HashSet<>();
        for (Map<String, Object> n : nodes.values()) {
            if (!"CHART".equals(n.get("type"))) {
                continue;
            }
            Map<String, Object> meta = n.get("meta") instanceof Map<?, ?> m ? cast(m) : Map.of();
            String chartUuid = str(meta.get("uuid"));
            if (!charts.containsKey(chartUuid)) {
                problem("%s: position %s points to chart %s, not in the bundle", path, n.get("id"), chartUuid);
            }
            placed.add(chartUuid);
            if (!(meta.get("chartId") instanceof Integer id) || !chartIds.add(id)) {
                problem("%s: position %s needs a chartId int unique in the dashboard", path, n.get("id"));
            }
            for (String dim : List.of("width", "height")) {
                if (!(meta.get(dim) instanceof Integer d) || d <= 0) {
                    problem("%s: position %s: meta.%s must be a positive int", path, n.get("id"), dim);
                }
            }
            if (!strings(n.get("children")).isEmpty()) {
                problem("%s: position %s: a chart has no children", path, n.get("id"));
            }
        }
        for (Map<String, Object> n : nodes.values()) {
            if ("ROW".equals(n.get("type"))) {
                int width = strings(n.get("children")).stream()
                        .map(nodes::get)
                        .filter(c -> c != null && c.get("meta") instanceof Map<?, ?>)
                        .mapToInt(c -> ((Map<?, ?>) c.get("meta")).get("width") instanceof Integer w ? w : 0)
                        .sum();
                if (width > 12) {
                    problem("%s: row %s is %d columns wide, more than 12", path, n.get("id"), width);
                }
            }
        }
        charts.keySet().stream()
                .filter(c -> !placed.contains(c))
                .forEach(c ->
                        problem("%s: chart %s is on no dashboard, so the importer skips it", pathOf(charts.get(c)), c));
        checkDashboardMetadata(path, dash.get("metadata"), chartIds);
    }

    /** Every node reached from the root once, its parents the path from the root. */
    private void walk(
            String path, Map<String, Map<String, Object>> nodes, String id, List<String> parents, Set<String> seen) {
        Map<String, Object> n = nodes.get(id);
        if (n == null) {
            problem("%s: position child %s does not exist", path, id);
            return;
        }
        if (!seen.add(id)) {
            problem("%s: position node %s reached twice", path, id);
            return;
        }
        if (!id.equals("ROOT_ID") && !strings(n.get("parents")).equals(parents)) {
            problem(
                    "%s: position %s has parents %s, its path from the root is %s",
                    path, id, n.get("parents"), parents);
        }
        List<String> down = new ArrayList<>(parents);
        down.add(id);
        for (String child : strings(n.get("children"))) {
            walk(path, nodes, child, down, seen);
        }
    }

    private void checkDashboardMetadata(String path, Object raw, Set<Integer> chartIds) {
        if (raw == null) {
            return;
        }
        if (!(raw instanceof Map<?, ?> rawMeta)) {
            problem("%s: metadata must be a mapping", path);
            return;
        }
        Map<String, Object> meta = cast(rawMeta);
        meta.keySet().stream()
                .filter(k -> !DASHBOARD_METADATA_KEYS.contains(k))
                .forEach(k -> problem("%s: metadata key %s is not one Superset's dashboard schema knows", path, k));
        if (meta.containsKey("default_filters") && !(meta.get("default_filters") instanceof String)) {
            problem("%s: metadata.default_filters must be a JSON string", path);
        }
        for (String key : List.of("timed_refresh_immune_slices")) {
            for (Object id : meta.get(key) instanceof List<?> l ? l : List.of()) {
                if (!chartIds.contains(id)) {
                    problem("%s: metadata.%s names chartId %s, not on the dashboard", path, key, id);
                }
            }
        }
        for (Map<String, Object> f : maps(meta.get("native_filter_configuration"), path + ": native filters")) {
            String name = str(f.get("id"));
            for (Map<String, Object> t : maps(f.get("targets"), path + ": targets")) {
                Map<String, Object> ds = datasets.get(str(t.get("datasetUuid")));
                if (ds == null) {
                    problem(
                            "%s: native filter %s targets dataset %s, not in the bundle",
                            path, name, t.get("datasetUuid"));
                    continue;
                }
                Object column = t.get("column") instanceof Map<?, ?> c ? c.get("name") : null;
                if (column != null) {
                    requireColumn(path, "native filter " + name, ds, str(column));
                }
            }
            Object scope = f.get("scope");
            List<?> excluded = scope instanceof Map<?, ?> s && s.get("excluded") instanceof List<?> l ? l : List.of();
            for (Object id : excluded) {
                if (!chartIds.contains(id)) {
                    problem("%s: native filter %s excludes chartId %s, not on the dashboard", path, name, id);
                }
            }
        }
    }

    private void unique(Map<String, Map<String, Object>> objects, String key) {
        Map<Object, Long> counts = objects.values().stream()
                .map(o -> o.get(key))
                .filter(v -> v != null)
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        counts.forEach((v, n) -> {
            if (n > 1) {
                problem("%s %s used by %d objects; it must be unique", key, v, n);
            }
        });
    }

    private Optional<Map<String, Object>> column(Map<String, Object> ds, String name) {
        return maps(ds.get("columns"), "").stream()
                .filter(c -> name.equalsIgnoreCase(str(c.get("column_name"))))
                .findFirst();
    }

    private boolean isTemporal(Map<String, Object> ds, String name) {
        return column(ds, name).map(c -> Boolean.TRUE.equals(c.get("is_dttm"))).orElse(false);
    }

    private static Optional<StructField> field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private List<Map<String, Object>> maps(Object o, String where) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            if (!where.isEmpty()) {
                problem("%s must be a list", where);
            }
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : l) {
            if (e instanceof Map<?, ?> m) {
                out.add(cast(m));
            } else if (!where.isEmpty()) {
                problem("%s: %s is not a mapping", where, e);
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) {
            return o == null ? List.of() : List.of(str(o));
        }
        return l.stream().map(BundleValidator::str).toList();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return Collections.unmodifiableMap((Map<String, Object>) m);
    }
}
