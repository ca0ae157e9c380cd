package org.investlake.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Creates the one SparkSession a command (or the test suite) uses, configured for Delta. */
public final class SparkSessions {
    private SparkSessions() {}

    /** The settings every investlake session has; the test suite uses the same ones. */
    public static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        s.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Monthly files are small: few partitions keep Delta commits and shuffles fast on 2 cores.
        s.put("spark.sql.shuffle.partitions", "4");
        s.put("spark.databricks.delta.snapshotPartitions", "2");
        // A broadcast here is built in the same JVM; on a busy machine it is slow, never lost, so the default
        // 300 s limit only turned slow runs into failures (seen under CI load).
        s.put("spark.sql.broadcastTimeout", "3600");
        // Delta caches each snapshot's state (its file list, a few thousand rows at most here) serialized, and every
        // scan and commit deserializes it again; kept as objects, a build-heavy test class took 158–171 s instead of
        // 174–207 s, with less CPU (docs/performance.md, item 28). A cluster's operator may set it otherwise.
        s.put("spark.databricks.delta.snapshotCache.storageLevel", "MEMORY_ONLY");
        s.put("spark.sql.session.timeZone", "Asia/Shanghai");
        // In a non-UTC session Delta 3.3 rebuilds a table's whole state after every commit to verify the file list
        // it keeps in the .crc (a guard for timestamp partition values); every partition column here is a period
        // string, and the rebuild was ~1/5 of a build's time.
        s.put("spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false");
        // Delta 3.3 also copies a small table's file list into each commit's .crc, and reads nothing back from it
        // (scans reconstruct the state from the log). Building that list ran a Spark job over the previous version
        // whenever its .crc had none — every CREATE TABLE, every schema change: a third of a small load's time in a
        // profile of the test suite. The .crc keeps its counts and sizes.
        s.put("spark.databricks.delta.allFilesInCrc.enabled", "false");
        // Without Hadoop's native library (a plain JVM), the local file system forks a `chmod` for every file and
        // folder Spark and Delta create, and FileContext.rename a `readlink` per Delta commit and .crc file: about
        // a seventh of a small load's time. Permissions are set through java.nio instead (the same bits), and
        // renames go through FileSystem. LocalLogStore's check that a version is new holds within one JVM only;
        // every writer of a file: warehouse holds the warehouse's OS file lock (WarehouseLock), so only one JVM
        // commits at a time. hdfs:, s3a: … keep Delta's own log stores.
        s.put("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
        s.put("spark.delta.logStore.file.impl", "io.delta.storage.LocalLogStore");
        s.put(
                "spark.sql.streaming.checkpointFileManagerClass",
                "org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager");
        // VACUUM (`maintain`) lists a table's folders in a Spark job of this many tasks, 10,000 by Spark's default:
        // thousands of empty tasks on a few cores (TableMaintenanceTest's two one-row tables: 81 s → 13 s). A
        // warehouse's tables have a folder per period, a few dozen: eight tasks list them at once.
        s.put("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");
        // Spark keeps 100 compiled classes by default; a load and build compile more than that (each mart's query,
        // each check, Delta's own state queries), so classes were evicted and compiled again: in a profile of a
        // `build --all` of the demo's warehouse a fifth of the main thread was compiling. A class is a few KB.
        s.put("spark.sql.codegen.cache.maxEntries", "1000");
        s.put("spark.ui.enabled", "false");
        s.put("spark.ui.showConsoleProgress", "false");
        // Keep the user's folder clean: Spark's own warehouse dir is never used for our tables.
        s.put("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/investlake-spark-warehouse");
        return s;
    }

    /**
     * Sets {@link #settings()} on {@code builder}, except the {@link #SIZING} ones that spark-submit already gives:
     * it hands its {@code --conf} and {@code spark-defaults.conf} to the driver as {@code spark.*} system
     * properties, which a builder's {@link SparkConf} reads.
     */
    public static SparkSession.Builder applyTo(SparkSession.Builder builder) {
        settingsBeside(new SparkConf()).forEach(builder::config);
        return builder;
    }

    /** The settings to set on a session whose configuration already holds {@code given}. */
    static Map<String, String> settingsBeside(SparkConf given) {
        Map<String, String> s = settings();
        s.keySet().removeIf(k -> SIZING.contains(k) && given.contains(k));
        return s;
    }

    /**
     * Sizing settings an operator may set otherwise for a cluster ({@code spark-submit --conf}, {@code
     * spark-defaults.conf}): those win over {@link #settings()}. The others are what investlake's results and
     * tables rely on (Delta, the time zone of the periods, the file system) and are always set.
     */
    static final Set<String> SIZING = Set.of(
            "spark.sql.shuffle.partitions",
            "spark.databricks.delta.snapshotPartitions",
            "spark.sql.broadcastTimeout",
            "spark.databricks.delta.snapshotCache.storageLevel",
            "spark.sql.sources.parallelPartitionDiscovery.parallelism",
            "spark.sql.codegen.cache.maxEntries",
            "spark.ui.enabled",
            "spark.ui.showConsoleProgress");

    public static SparkSession create(String master) {
        SparkSession spark = applyTo(
                        SparkSession.builder().appName("investlake").master(master))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
