package org.investlake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.investlake.SparkTest;
import org.investlake.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code investlake bench --scale city} run once, as a smoke test: no timing is asserted (the figures of a shared
 * machine vary), only that the report is whole and that what was measured is what it says — the rows it counts
 * are silver's, and DuckDB's result for a mart is Spark's gold table, row for row. To stay cheap it measures the
 * first two months ({@code --months 2}: months 1-2 loaded and built, then month 2 on top of 1; a third month cost
 * about a third of the class's time and tested nothing new) and leaves out
 * the demo processes ({@code --no-demo}): they would load the city a third time.
 */
class BenchSmokeTest extends SparkTest {
    @TempDir
    static Path dir;

    private static int code;
    private static String out;
    private static String err;
    private static JsonNode json;

    @BeforeAll
    static void runBench() throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        code = Main.run(
                new String[] {
                    "--warehouse",
                    dir.resolve("unused").toString(),
                    "bench",
                    "--scale",
                    "city",
                    "--no-demo",
                    "--months",
                    "2",
                    "--work",
                    dir.resolve("work").toString(),
                    "--out",
                    dir.resolve("bench.json").toString()
                },
                new PrintWriter(o, true),
                new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        System.out.print(out); // the figures, for whoever reads the test log (nothing about them is asserted)
        json = code == 0 ? new ObjectMapper().readTree(dir.resolve("bench.json").toFile()) : null;
    }

    @Test
    void aFolderWithoutASampleIsRefusedBeforeAnythingIsLoaded() {
        StringWriter e = new StringWriter();
        Path empty = dir.resolve("no-sample");
        int refused = Main.run(
                new String[] {
                    "--warehouse",
                    dir.resolve("unused").toString(),
                    "bench",
                    "--scale",
                    "nation",
                    "--sample",
                    empty.toString(),
                    "--work",
                    dir.resolve("work-refused").toString()
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(e, true));
        assertThat(refused).isEqualTo(1);
        assertThat(e.toString())
                .contains("read the nation sample")
                .contains("holds no nation sample")
                .contains("profile/city.yaml");
        assertThat(dir.resolve("work-refused").resolve("full")).doesNotExist();
    }

    @Test
    void reportsEveryFigureWithPositiveRatios() {
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        for (String key : List.of(
                "scale",
                "format",
                "months",
                "rows",
                "full_seconds",
                "load_seconds",
                "gold_seconds",
                "incremental_seconds",
                "incremental_ratio",
                "monthly_seconds",
                "duckdb_seconds",
                "duckdb_ratio",
                "peak_heap_mb",
                "demo_seconds",
                "date",
                "machine",
                "marts")) {
            assertThat(json.has(key)).as("key %s in %s", key, json).isTrue();
        }
        assertThat(json.get("scale").asText()).isEqualTo("city");
        assertThat(json.get("format").asText()).isEqualTo("csv+xlsx");
        // left out with --no-demo; null, not missing
        assertThat(json.get("demo_seconds").isNull()).isTrue();
        assertThat(json.get("machine").get("cores").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        // the test JVM's -Xmx (4g in pom.xml), not Runtime.maxMemory(), which the parallel collector's survivor
        // space leaves below the used heap it counts
        long xmxMb = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx"))
                .mapToLong(a -> megabytes(a.substring(4)))
                .reduce((first, last) -> last) // the last -Xmx wins
                .orElseThrow(() -> new AssertionError("the test JVM has no -Xmx (pom.xml's surefire argLine sets 4g)"));
        assertThat(json.get("machine").get("max_heap_mb").asLong()).isEqualTo(xmxMb);
        assertThat(json.get("peak_heap_mb").asLong()).isPositive().isLessThanOrEqualTo(xmxMb);
        for (String ratio : List.of("incremental_ratio", "duckdb_ratio", "full_seconds", "gold_seconds")) {
            assertThat(json.get(ratio).asDouble()).as(ratio).isPositive();
        }
        // full = load + gold
        assertThat(json.get("full_seconds").asDouble())
                .isCloseTo(
                        json.get("load_seconds").asDouble()
                                + json.get("gold_seconds").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(json.get("months").asInt()).isEqualTo(2);
        // months 1 and 2 loaded one at a time into the incremental warehouse; the second is the incremental month
        JsonNode monthly = json.get("monthly_seconds");
        assertThat(monthly.size()).isEqualTo(2);
        monthly.forEach(m -> assertThat(m.asDouble()).isPositive());
        assertThat(monthly.get(1).asDouble())
                .isEqualTo(json.get("incremental_seconds").asDouble());
        assertThat(out)
                .contains("gold vs DuckDB")
                .contains("one month on top of 1")
                .contains("each month on top of the ones before");
    }

    @Test
    void rowsAreTheRowsOfTheFullWarehousesSilverTables() {
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        long silver = 0;
        for (String t : List.of("stats", "projects", "bonds")) {
            silver += spark().read()
                    .format("delta")
                    .load(dir.resolve("work/full/silver").resolve(t).toString())
                    .count();
        }
        assertThat(json.get("rows").asLong()).isEqualTo(silver);
        // the city sample (docs/sample-scales.md): projects about 600 a month, 13 units; two months
        assertThat(silver).isBetween(2L * 500, 2L * 900);
    }

    @Test
    void duckdbsRegionGrowthIsSparksGoldTable() {
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        Dataset<Row> gold = spark().read()
                .format("delta")
                .load(dir.resolve("work/full/gold/region_growth").toString());
        Dataset<Row> duck = spark().read()
                .parquet(dir.resolve("work/duckdb/gold/region_growth.parquet").toString());
        assertThat(duck.columns()).containsExactly(gold.columns());
        // DuckDB writes its own integer and decimal widths: compared as the gold table's types
        StructType types = gold.schema();
        Column[] asGold = Arrays.stream(types.fields())
                .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
        assertThat(duck.count()).isEqualTo(13L + 1); // 13 units and 全市 in 1-2月, the first statistics period
        assertDataFrameNoOrderEquals(gold, duck.select(asGold));
        // and every mart has as many rows in DuckDB as in gold
        json.get("marts")
                .fields()
                .forEachRemaining(m -> assertThat(m.getValue().get("duckdb").asLong())
                        .as(m.getKey())
                        .isEqualTo(m.getValue().get("spark").asLong()));
    }

    /** An -Xmx value in MB: bytes, or with the JVM's k, m, g or t suffix (either case). */
    private static long megabytes(String xmx) {
        String v = xmx.toLowerCase(java.util.Locale.ROOT);
        int unit = "kmgt".indexOf(v.charAt(v.length() - 1));
        long n = Long.parseLong(unit < 0 ? v : v.substring(0, v.length() - 1));
        return unit < 0 ? n / (1024 * 1024) : n * (1L << (10 * unit)) / 1024;
    }
}
