package org.investlake.serve.superset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.investlake.SparkTest;
import org.investlake.cli.Main;
import org.investlake.marts.BuildJob;
import org.investlake.serve.AnalystWarehouse;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * `superset-bundle` over a small real warehouse ({@link AnalystWarehouse}: statistics, project and bond
 * exports, every mart built): the bundle it writes passes the validator against the gold tables' real schemas, carries
 * the yml docs and the targets file, and the validator fails a bundle with a broken link or a missing column.
 */
class SupersetBundleTest extends SparkTest {
    @TempDir
    static Path dir;

    static Path warehouse;
    /** The real gold schemas, read from the built tables (not from the bundle code). */
    static Map<String, StructType> real = new LinkedHashMap<>();

    static Path bundle;
    static CliResult written;

    record CliResult(int code, String out, String err) {}

    @BeforeAll
    static void buildWarehouseAndBundle() {
        // the analyst warehouse the notebook test reads too: statistics, projects and bonds, every mart built
        Path shared = AnalystWarehouse.shared(SparkTest::warehouse);
        warehouse = shared.resolve("warehouse");
        Warehouse w = warehouse(shared);
        for (String mart : BuildJob.MARTS) {
            real.put(
                    "gold." + mart,
                    spark().read()
                            .format("delta")
                            .load(w.location("gold", mart))
                            .schema());
        }
        bundle = dir.resolve("out/investlake-superset.zip");
        written = cli(warehouse, "superset-bundle", "--out", bundle.toString());
    }

    static CliResult cli(Path wh, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--warehouse", wh.toString()));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(code, out.toString(), err.toString());
    }

    static List<String> validate(Path zip) {
        return BundleValidator.validate(zip, t -> Optional.ofNullable(real.get(t)));
    }

    /** The bundle's files: path below the root folder → text. */
    static Map<String, String> files(Path zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = z.getInputStream(entry)) {
                    out.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** A copy of the bundle with one file changed. */
    static Path altered(String name, String file, UnaryOperator<String> change) throws IOException {
        Map<String, String> rel = new LinkedHashMap<>();
        files(bundle).forEach((k, v) -> rel.put(k.substring(k.indexOf('/') + 1), v));
        String before = rel.get(file);
        assertThat(before).as(file).isNotNull();
        String after = change.apply(before);
        assertThat(after).as("the change to %s applies", file).isNotEqualTo(before);
        rel.put(file, after);
        Path out = dir.resolve("altered/" + name + ".zip");
        SupersetBundle.write(rel, out);
        return out;
    }

    @Test
    void theWrittenBundlePassesValidationAgainstTheRealGoldSchemas() throws IOException {
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(written.out())
                .contains("9 datasets", "19 charts", "投资和项目建设监测", "Import dashboard", "--password-env");
        assertThat(validate(bundle)).isEmpty();
        Map<String, String> f = files(bundle);
        assertThat(f.keySet()).allMatch(p -> p.startsWith(SupersetBundle.ROOT + "/"));
        assertThat(yaml(f.get(SupersetBundle.ROOT + "/metadata.yaml"))).containsEntry("version", "1.0.0");
        assertThat(f.keySet().stream().filter(p -> p.contains("/datasets/"))).hasSize(BuildJob.MARTS.size());
    }

    @Test
    void datasetsCarryTheRealColumnsAndTypesWithTheYmlChineseNames() throws IOException {
        Map<String, Object> ds =
                yaml(files(bundle).get(SupersetBundle.ROOT + "/datasets/investlake/gold_region_growth.yaml"));
        assertThat(ds).containsEntry("schema", "gold").containsEntry("table_name", "region_growth");
        // sql/gold/region_growth.yml: description, then " 粒度: " and the grain
        assertThat((String) ds.get("description"))
                .startsWith("各县市区固定资产投资增速与目标对比及排名(月通报)")
                .contains("粒度: one row per period and region");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) ds.get("columns");
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put((String) c.get("column_name"), c));
        for (StructField fld : real.get("gold.region_growth").fields()) {
            assertThat(byName).as("dataset column for %s", fld.name()).containsKey(fld.name());
            assertThat(byName.get(fld.name()))
                    .containsEntry("type", fld.dataType().sql());
        }
        // from the yml: {name: ytd_growth_pct, label: 累计增速(%), ...}, {name: gap_pp, label: 与目标差距(百分点), ...}
        assertThat(byName.get("ytd_growth_pct")).containsEntry("verbose_name", "累计增速(%)");
        assertThat(byName.get("gap_pp"))
                .containsEntry("verbose_name", "与目标差距(百分点)")
                .containsEntry("description", "growth − target, percentage points (negative = behind)");
        // the one computed column: a date for the trend's time axis
        assertThat(byName.get("period_month")).containsEntry("is_dttm", true).containsEntry("type", "DATE");
        assertThat(ds).containsEntry("main_dttm_col", "period_month");
    }

    @Test
    void headlineTitlesShowTheTargetsFileAndTheDashboardHasItsFilters() throws IOException {
        Map<String, String> f = files(bundle);
        List<String> titles = f.entrySet().stream()
                .filter(e -> e.getKey().contains("/charts/"))
                .map(e -> (String) yaml(e.getValue()).get("slice_name"))
                .toList();
        // config/targets/2023.yaml: fai_growth_pct 131100 7.0, key_projects.count 420, completed_yi 131100 370,
        // new_start.total_investment_yi 500, private_promotion.count 20
        assertThat(titles)
                .contains(
                        "全市固定资产投资增速(%) · 目标7%",
                        "省市重点项目个数 · 目标420个",
                        "重点项目完成投资(亿元) · 目标370亿元",
                        "新开工项目总投资(亿元) · 目标500亿元",
                        "向民间资本推介项目(个) · 目标20个",
                        "约谈名单(连续排名后列)",
                        "月调度项目红黄绿灯");
        Map<String, Object> dash = yaml(f.get(SupersetBundle.ROOT + "/dashboards/investlake_monitor.yaml"));
        assertThat(dash).containsEntry("dashboard_title", "投资和项目建设监测");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> filters = (List<Map<String, Object>>)
                ((Map<String, Object>) dash.get("metadata")).get("native_filter_configuration");
        Map<String, Object> columnByName = new LinkedHashMap<>();
        for (Map<String, Object> nf : filters) {
            @SuppressWarnings("unchecked")
            Map<String, Object> target = ((List<Map<String, Object>>) nf.get("targets")).get(0);
            columnByName.put((String) nf.get("name"), ((Map<?, ?>) target.get("column")).get("name"));
        }
        assertThat(columnByName)
                .containsExactly(
                        Map.entry("统计期", "period"),
                        Map.entry("县市区", "region_name"),
                        Map.entry("包联领导", "leader"),
                        Map.entry("责任单位", "responsible_unit"));
    }

    @Test
    void aPasswordInTheUriIsMaskedAndUuidsDoNotChangeBetweenRuns() throws IOException {
        Path other = dir.resolve("out/with-password.zip");
        CliResult r = cli(
                warehouse,
                "superset-bundle",
                "--out",
                other.toString(),
                "--sqlalchemy-uri",
                "hive://alice:s3cret@bi.example:10000/default?auth=CUSTOM");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> again = files(other);
        assertThat(String.join("\n", again.values())).doesNotContain("s3cret");
        assertThat(r.out()).doesNotContain("s3cret");
        Map<String, Object> db = yaml(again.get(SupersetBundle.ROOT + "/databases/investlake.yaml"));
        assertThat(db).containsEntry("sqlalchemy_uri", "hive://alice:XXXXXXXXXX@bi.example:10000/default?auth=CUSTOM");
        assertThat(validate(other)).isEmpty();
        // same names, same uuids: every file but the database (its URI) and metadata (its timestamp) is identical
        Map<String, String> first = files(bundle);
        for (String path : first.keySet()) {
            if (!path.endsWith("/metadata.yaml") && !path.contains("/databases/")) {
                assertThat(again.get(path)).as(path).isEqualTo(first.get(path));
            }
        }
        assertThat(yaml(again.get(SupersetBundle.ROOT + "/databases/investlake.yaml"))
                        .get("uuid"))
                .isEqualTo(yaml(first.get(SupersetBundle.ROOT + "/databases/investlake.yaml"))
                        .get("uuid"));
    }

    @Test
    void aBrokenLinkFailsValidation() throws IOException {
        String chart = "charts/growth_ranking.yaml";
        String datasetUuid = (String)
                yaml(files(bundle).get(SupersetBundle.ROOT + "/" + chart)).get("dataset_uuid");
        String unknown = "00000000-0000-3000-8000-000000000000";
        Path broken = altered("dataset-link", chart, t -> t.replace(datasetUuid, unknown));
        assertThat(validate(broken)).anyMatch(p -> p.contains(chart) && p.contains("dataset_uuid " + unknown));

        String chartUuid = (String)
                yaml(files(bundle).get(SupersetBundle.ROOT + "/" + chart)).get("uuid");
        Path dangling =
                altered("position-link", "dashboards/investlake_monitor.yaml", t -> t.replace(chartUuid, unknown));
        assertThat(validate(dangling))
                .anyMatch(p -> p.contains("points to chart " + unknown))
                .anyMatch(p -> p.contains(chart) && p.contains("on no dashboard"));
    }

    @Test
    void aColumnMissingFromTheDatasetOrTheRealTableFailsValidation() throws IOException {
        // the ranking table shows gap_pp; a chart naming gap_points names a column no dataset has
        Path chartSide =
                altered("chart-column", "charts/growth_ranking.yaml", t -> t.replace("\"gap_pp\"", "\"gap_points\""));
        assertThat(validate(chartSide))
                .containsExactly(
                        "charts/growth_ranking.yaml: the chart uses column gap_points, missing in dataset region_growth");

        // dataset and chart agree on gap_points, but gold.region_growth has no such column
        Path bothSides = altered(
                "dataset-column",
                "datasets/investlake/gold_region_growth.yaml",
                t -> t.replace("column_name: \"gap_pp\"", "column_name: \"gap_points\""));
        Map<String, String> rel = new LinkedHashMap<>();
        files(bothSides).forEach((k, v) -> rel.put(k.substring(k.indexOf('/') + 1), v));
        rel.computeIfPresent("charts/growth_ranking.yaml", (k, v) -> v.replace("\"gap_pp\"", "\"gap_points\""));
        SupersetBundle.write(rel, bothSides);
        assertThat(validate(bothSides))
                .contains(
                        "datasets/investlake/gold_region_growth.yaml: column gap_points is not a column of gold.region_growth",
                        "charts/growth_ranking.yaml: the chart uses column gap_points, not a column of the real table gold.region_growth");

        // a saved metric whose SQL names a column the table lacks
        Path metric = altered(
                "metric-column",
                "datasets/investlake/gold_region_growth.yaml",
                t -> t.replace("AVG(ytd_growth_pct)", "AVG(ytd_growth)"));
        assertThat(validate(metric))
                .containsExactly(
                        "datasets/investlake/gold_region_growth.yaml: metric growth_pct uses ytd_growth, not a column of gold.region_growth");
    }

    @Test
    void aKeyOutsideThePortableSetOrAnUnknownRootFailsValidation() throws IOException {
        Path published = altered(
                "published", "dashboards/investlake_monitor.yaml", t -> t.replace("slug: ", "published: true\nslug: "));
        assertThat(validate(published))
                .containsExactly(
                        "dashboards/investlake_monitor.yaml: key published is not accepted by every Superset from 2.1 to 6.x");
        Path version = altered("version", "metadata.yaml", t -> t.replace("\"1.0.0\"", "\"1.0.1\""));
        assertThat(validate(version)).containsExactly("metadata.yaml: version is 1.0.1, must be the string 1.0.0");
    }

    @Test
    void aWarehouseWithoutGoldTablesIsRefusedInOneLine() {
        CliResult r = cli(
                dir.resolve("empty"),
                "superset-bundle",
                "--out",
                dir.resolve("out/none.zip").toString());
        assertThat(r.code()).isEqualTo(Main.REJECTED);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith("investlake: gold 表尚未构建: region_growth, sector_growth");
        assertThat(dir.resolve("out/none.zip")).doesNotExist();
    }

    @Test
    void everySavedMetricComputedColumnAndSqlFilterRunsOnTheRealTable() throws IOException {
        Warehouse w = Warehouse.open(spark(), warehouse.toString(), reference());
        int checked = 0;
        for (Map.Entry<String, String> f : files(bundle).entrySet()) {
            if (!f.getKey().contains("/datasets/")) {
                continue;
            }
            Map<String, Object> ds = yaml(f.getValue());
            Dataset<Row> table = spark().read().format("delta").load(w.location("gold", (String) ds.get("table_name")));
            for (Map<String, Object> m : list(ds.get("metrics"))) {
                table.agg(functions.expr((String) m.get("expression"))).collectAsList();
                checked++;
            }
            for (Map<String, Object> c : list(ds.get("columns"))) {
                if (c.get("expression") != null) {
                    table.selectExpr((String) c.get("expression")).collectAsList();
                    checked++;
                }
            }
        }
        Dataset<Row> scorecard = spark().read().format("delta").load(w.location("gold", "region_scorecard"));
        scorecard.where("interview_flag = true").collectAsList(); // the 约谈 list's filter
        spark().read()
                .format("delta")
                .load(w.location("gold", "target_outlook"))
                .where("subject_kind = 'city'") // the city outlook's filter
                .collectAsList();
        // 9 datasets × (count + period_month) + growth 2×2 + key projects 4 + bonds 4 + city kpis 10 + light_label
        assertThat(checked).isEqualTo(9 * 2 + 4 + 4 + 4 + 10 + 1);
    }

    @Test
    void aPasswordForTheCliImportGoesInThePasswordKeyBesideTheMask() throws IOException {
        Map<String, StructType> byMart = new LinkedHashMap<>();
        real.forEach((k, v) -> byMart.put(k.substring("gold.".length()), v));
        Path withPassword = dir.resolve("out/password-key.zip");
        SupersetBundle.of(
                        SupersetBundle.DEFAULT_URI,
                        "pw-for-cli",
                        byMart,
                        reference().targets(2023).orElseThrow(),
                        reference().cityTotal().code())
                .write(withPassword);
        assertThat(validate(withPassword)).isEmpty();
        assertThat(yaml(files(withPassword).get(SupersetBundle.ROOT + "/databases/investlake.yaml")))
                .containsEntry("password", "pw-for-cli")
                .containsEntry("sqlalchemy_uri", "hive://superset:XXXXXXXXXX@127.0.0.1:10000/default?auth=CUSTOM");
        // Superset drops a password whose URI has no user:XXXXXXXXXX@ part
        Path lost = dir.resolve("out/password-lost.zip");
        SupersetBundle.of(
                        "hive://superset@127.0.0.1:10000/default",
                        "pw-for-cli",
                        byMart,
                        reference().targets(2023).orElseThrow(),
                        reference().cityTotal().code())
                .write(lost);
        assertThat(validate(lost))
                .containsExactly(
                        "databases/investlake.yaml: a password key needs the mask in the URI (user:XXXXXXXXXX@host), or Superset drops it");
        CliResult unset = cli(
                warehouse,
                "superset-bundle",
                "--out",
                dir.resolve("out/unset.zip").toString(),
                "--password-env",
                "INVESTLAKE_TEST_NO_SUCH_VARIABLE");
        assertThat(unset.code()).isEqualTo(Main.REJECTED);
        assertThat(unset.err().strip())
                .isEqualTo(
                        "investlake: 环境变量 INVESTLAKE_TEST_NO_SUCH_VARIABLE 未设置或为空: 先 export INVESTLAKE_TEST_NO_SUCH_VARIABLE=... 再运行");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
