package org.investlake;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.investlake.reference.ReferenceData;
import org.investlake.storage.SparkSessions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of every test that needs Spark: one SparkSession for the whole suite (started by the first
 * test class, stopped when JUnit closes its root store), spark-testing-base's DataFrame assertions,
 * and helpers for fresh warehouses and hand-written expected rows.
 */
@ExtendWith(SparkTest.SharedSession.class)
public abstract class SparkTest {
    private static final ReferenceData REFERENCE = ReferenceData.bundled();
    private static Suite suite;

    /** spark-testing-base, configured with the settings every investlake session has. */
    static final class Suite extends JavaDataFrameSuiteBase {
        @Override
        public boolean enableHiveSupport() {
            return false;
        }

        @Override
        public SparkConf conf() {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("investlake-tests")
                    // test data is a few rows: one partition per shuffle and per Delta snapshot, no adaptive
                    // re-planning; the UI is never looked at
                    .set("spark.sql.shuffle.partitions", "1")
                    .set("spark.sql.adaptive.enabled", "false")
                    // two partitions of hand-written rows, as before: TableVersionsTest's MERGE rewrites one of two
                    // files
                    .set("spark.default.parallelism", "2")
                    .set("spark.databricks.delta.snapshotPartitions", "1")
                    // compiling generated code costs more than interpreting a few rows (same results: Spark's
                    // own tests run both ways)
                    .set("spark.sql.codegen.wholeStage", "false")
                    .set("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    // no per-file column statistics: they only serve data skipping, which a few rows do not need
                    .set("spark.databricks.delta.stats.collect", "false")
                    .set("spark.databricks.delta.stats.skipping", "false");
            Map<String, String> tuned =
                    Map.of("spark.sql.shuffle.partitions", "", "spark.databricks.delta.snapshotPartitions", "");
            SparkSessions.settings().forEach((k, v) -> {
                if (!tuned.containsKey(k)) {
                    conf.set(k, v);
                }
            });
            // for measuring other settings: -Dinvestlake.test.conf='key=value;key=value'
            String extra = System.getProperty("investlake.test.conf", "");
            for (String kv : extra.split(";")) {
                if (kv.contains("=")) {
                    conf.set(
                            kv.substring(0, kv.indexOf('=')).strip(),
                            kv.substring(kv.indexOf('=') + 1).strip());
                }
            }
            return conf;
        }
    }

    /**
     * Starts the suite's session once per JVM and stops it when the JVM exits. Not at the close of JUnit's root
     * store: surefire with more than one fork runs each test class as a launch of its own, whose root store closes
     * after that class — the next class would find the session stopped.
     */
    static final class SharedSession implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            synchronized (SparkTest.class) {
                if (suite == null) {
                    suite = new Suite();
                    suite.runBefore();
                    suite.spark().sparkContext().setLogLevel("ERROR");
                    Runtime.getRuntime()
                            .addShutdownHook(new Thread(JavaDataFrameSuiteBase::runAfterClass, "stop-test-spark"));
                }
            }
        }
    }

    protected static SparkSession spark() {
        return suite.spark();
    }

    protected static ReferenceData reference() {
        return REFERENCE;
    }

    /** A new, empty warehouse in {@code dir}, registered in the shared session. */
    protected static Warehouse warehouse(Path dir) {
        return Warehouse.open(spark(), dir.resolve("warehouse").toString(), REFERENCE);
    }

    /** A DataFrame of hand-written rows with the given DDL schema. */
    protected static Dataset<Row> rows(String ddl, Object[]... rows) {
        List<Row> list = Arrays.stream(rows).map(RowFactory::create).toList();
        return spark().createDataFrame(list, StructType.fromDDL(ddl));
    }

    /** Order-sensitive equality of two DataFrames, schema included (spark-testing-base). */
    protected static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
        suite.assertDataFrameEquals(plain(expected), plain(actual), suite.assertDataFrameEquals$default$3());
    }

    protected static void assertDataFrameNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
        suite.assertDataFrameNoOrderEquals(plain(expected), plain(actual));
    }

    /**
     * The same rows with every column nullable and without comments: tests compare values and types,
     * not the nullability Spark infers or the documentation a table carries.
     */
    private static Dataset<Row> plain(Dataset<Row> df) {
        StructType schema = new StructType();
        for (org.apache.spark.sql.types.StructField f : df.schema().fields()) {
            schema = schema.add(f.name(), f.dataType(), true);
        }
        return spark().createDataFrame(df.collectAsList(), schema);
    }
}
