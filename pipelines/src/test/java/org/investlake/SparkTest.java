package org.investlake;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
                    .set("spark.sql.shuffle.partitions", "2")
                    // test data is a few rows: adaptive re-planning only adds work, and the UI is never looked at
                    .set("spark.sql.adaptive.enabled", "false")
                    .set("spark.default.parallelism", "2");
            SparkSessions.settings().forEach((k, v) -> {
                if (!k.equals("spark.sql.shuffle.partitions")) {
                    conf.set(k, v);
                }
            });
            return conf;
        }
    }

    /** Starts the suite's session once per JVM and stops it after the last test class. */
    static final class SharedSession implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
        @Override
        public void beforeAll(ExtensionContext context) {
            synchronized (SparkTest.class) {
                if (suite == null) {
                    suite = new Suite();
                    suite.runBefore();
                    suite.spark().sparkContext().setLogLevel("ERROR");
                    context.getRoot()
                            .getStore(ExtensionContext.Namespace.GLOBAL)
                            .put("investlake-spark", this);
                }
            }
        }

        @Override
        public void close() {
            JavaDataFrameSuiteBase.runAfterClass();
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
