package org.investlake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.investlake.SparkTest;
import org.investlake.cli.Main;
import org.investlake.marts.BuildJob;
import org.investlake.storage.MiniHdfs;
import org.investlake.storage.WarehouseLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dist jar on a real Spark standalone cluster with its warehouse on HDFS (run by {@code mvn -B -Pcluster
 * verify}): Spark's own master and worker ({@link SparkCluster}, on a Spark distribution's jars and nothing of
 * investlake's), an HDFS namenode and datanode ({@link MiniHdfs}), and every command submitted with {@code
 * SparkSubmit}, from a working folder of its own that must stay empty. The city's sample is the inbox, on the
 * driver's local disk as a bureau's upload folder would be. The same inbox run locally, in this JVM, is the
 * reference: gold on the cluster must equal it table for table. The tests run in order on one warehouse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends SparkTest {
    @TempDir
    static Path dir;

    static MiniHdfs hdfs;
    static SparkCluster cluster;
    static Path distJar;
    static Path inbox;
    static String root;
    static Path local;
    static int localCode;

    @BeforeAll
    static void startTheClusterAndRunTheInboxLocally() throws Exception {
        distJar = Path.of(System.getProperty("investlake.dist.jar", "investlake-dist.jar"))
                .toAbsolutePath();
        Path sparkHome = Path.of(System.getProperty("investlake.spark.home", "spark-home"))
                .toAbsolutePath();
        assertThat(distJar).as("the dist jar (mvn -Pcluster verify builds it)").exists();
        assertThat(sparkHome.resolve("jars"))
                .as("the Spark distribution's jars")
                .isDirectory();

        hdfs = MiniHdfs.start(dir.resolve("dfs"));
        root = hdfs.uri() + "/investlake";
        // the JVMs' logs outlive the test's folder: target/cluster-it-logs
        Path logs = Path.of(System.getProperty("investlake.cluster.logs", "cluster-it-logs"))
                .toAbsolutePath();
        cluster = SparkCluster.start(sparkHome, System.getProperty("investlake.jvm.flags", ""), dir, logs, 2, "3g");

        inbox = dir.resolve("inbox");
        assertThat(cli("sample", "--year", "2023", "--out", inbox.toString())).isZero();
        asParquet(inbox.resolve("bonds").resolve("2023年1月专项债券项目进展.csv"));
        local = dir.resolve("local-warehouse");
        localCode = cli("--warehouse", local.toString(), "run", "--inbox", inbox.toString());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    @Order(1)
    void twoRunsOfTheInboxAtOnceTakeTurnsAndGoldEqualsTheLocalRun() throws Exception {
        SparkCluster.Launched first = submit("run-first", "run", "--inbox", inbox.toString());
        awaitLockHeld(first);
        SparkCluster.Launched second = submit("run-second", "run", "--inbox", inbox.toString());

        // the sample carries bad rows on purpose (quarantined: exit 1), on the cluster as locally
        assertThat(first.waitFor(1800)).as(first.printed()).isEqualTo(localCode).isEqualTo(1);
        assertThat(second.waitFor(1800)).as(second.printed()).isZero();
        assertThat(second.printed())
                .contains("waiting for another run on this warehouse (started by pid " + first.pid() + " at ")
                .contains("46 files: ")
                .contains(", 46 already loaded");

        assertGoldEqualsTheLocalRun();
        assertNothingLeftIn("run-first", "run-second");
        // the Parquet file's copy for the executors went with the load
        FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(root + "/_staging");
        assertThat(fs.exists(staging) ? fs.listStatus(staging) : new org.apache.hadoop.fs.FileStatus[0])
                .isEmpty();
    }

    @Test
    @Order(2)
    void aKilledWriterHoldsTheNextOneBackOnlyUntilItsLeaseExpires() throws Exception {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(root + "/gold/region_growth/_delta_log");
        FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
        long versions = fs.listStatus(log).length;
        SparkCluster.Launched killed = submit("build-killed", "build", "--all");
        awaitLockHeld(killed);
        // killed halfway: once the first mart has committed its rebuild, while the others have not
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(15);
        while (fs.listStatus(log).length == versions && isAlive(killed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(isAlive(killed))
                .as("the build is still running when it is killed")
                .isTrue();
        killed.kill();

        SparkCluster.Launched next = cluster.submit(
                "build-after",
                distJar,
                dir.resolve("cwd/build-after"),
                Map.of(WarehouseLock.TIMEOUT_ENV, "900"),
                "--warehouse",
                root,
                "build");
        assertThat(next.waitFor(1800)).as(next.printed()).isZero();
        assertThat(next.printed())
                .contains("waiting for another build on this warehouse (started by pid " + killed.pid() + " at ");
        // whatever the killed build had committed, the next one brings gold to a clean build's
        assertGoldEqualsTheLocalRun();
        assertNothingLeftIn("build-after");
    }

    @Test
    @Order(3)
    void sqlHistoryBulletinServeAndRestoreWorkOnHdfs() throws Exception {
        long watchlist = gold(local.toUri().toString(), "project_watchlist").count();
        SparkCluster.Launched sql = submit("sql", "sql", "SELECT count(*) AS n FROM gold.project_watchlist");
        assertThat(sql.waitFor(900)).as(sql.printed()).isZero();
        assertThat(sql.printed().lines().map(String::strip)).contains("n", String.valueOf(watchlist), "(1 rows)");

        SparkCluster.Launched history = submit("history", "history", "silver.stats", "--format", "csv");
        assertThat(history.waitFor(900)).as(history.printed()).isZero();
        // one MERGE per feed's batch: the first run's, and nothing from the second (all its files were skipped)
        assertThat(history.printed()).contains("MERGE");

        SparkCluster.Launched bulletin = submit("bulletin", "bulletin", "--period", "2023-06");
        assertThat(bulletin.waitFor(900)).as(bulletin.printed()).isZero();
        FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
        List<String> written = Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(root + "/bulletins")))
                .map(s -> s.getPath().getName())
                .toList();
        assertThat(written).hasSize(2).allMatch(n -> n.startsWith("2023年1-6月") && n.contains("_2023-06-"));
        assertThat(written).anyMatch(n -> n.endsWith(".html")).anyMatch(n -> n.endsWith(".xlsx"));
        assertThat(bulletin.printed()).contains(root + "/bulletins/" + written.get(0));

        // the endpoint: an account added beside the warehouse on HDFS, then serve on the cluster's driver
        assertThat(cli("--warehouse", root, "users", "add", "analyst", "--password", "cluster-test-pw"))
                .isZero();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(root + ".users"))).isTrue();
        // Hive's sessions load Delta's catalog through the driver's own class path: serve is submitted with
        // --driver-class-path (README: Running on a cluster)
        SparkCluster.Launched serve = cluster.submit(
                "serve",
                distJar,
                true,
                dir.resolve("cwd/serve"),
                Map.of(),
                "--warehouse",
                root,
                "serve",
                "--port",
                "0");
        try {
            serve.await(l -> l.contains("jdbc:hive2://"), 600);
            String url = serve.output().stream()
                    .filter(l -> l.contains("jdbc:hive2://"))
                    .findFirst()
                    .orElseThrow()
                    .replaceAll(".*(jdbc:hive2://\\S+).*", "$1");
            long regions = gold(local.toUri().toString(), "region_growth").count();
            try (Connection c = DriverManager.getConnection(url, "analyst", "cluster-test-pw");
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM gold.region_growth")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(regions);
            }
        } finally {
            serve.stop();
        }

        // undo one delivery: December's statistics by region, 14 rows (13 units and 全市)
        Dataset<Row> stats = spark().read().format("delta").load(root + "/silver/stats");
        String december = stats.where(functions.col("source_file").equalTo("2023年1-12月各县市区固定资产投资.xlsx"))
                .select("load_id")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()
                .get(0);
        assertThat(stats.where(functions.col("load_id").equalTo(december)).count())
                .isEqualTo(14);
        SparkCluster.Launched restore = submit("restore", "restore", "--load", december);
        assertThat(restore.waitFor(900)).as(restore.printed()).isZero();
        assertThat(spark().read()
                        .format("delta")
                        .load(root + "/silver/stats")
                        .where(functions.col("load_id").equalTo(december))
                        .count())
                .isZero();

        assertNothingLeftIn("sql", "history", "bulletin", "serve", "restore");
    }

    private static SparkCluster.Launched submit(String name, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--warehouse";
        all[1] = root;
        System.arraycopy(args, 0, all, 2, args.length);
        return cluster.submit(name, distJar, dir.resolve("cwd").resolve(name), Map.of(), all);
    }

    /**
     * Waits until the submitted command holds the warehouse lock: the lock file is open for writing on HDFS and its
     * last record, flushed just after the file was opened, names the command's JVM.
     */
    private static void awaitLockHeld(SparkCluster.Launched writer) throws Exception {
        DistributedFileSystem fs = (DistributedFileSystem) FileSystem.get(URI.create(root), new Configuration());
        org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(root + "/" + WarehouseLock.FILE_NAME);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (fs.exists(lock) && !fs.isFileClosed(lock)) {
                String text;
                try (var in = fs.open(lock)) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                if (text.substring(Math.max(0, text.lastIndexOf("pid="))).startsWith("pid=" + writer.pid() + "\n")) {
                    return;
                }
            }
            if (!isAlive(writer)) {
                throw new AssertionError("ended before it took the lock:\n" + writer.printed());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("did not take the lock within 10 minutes:\n" + writer.printed());
    }

    private static boolean isAlive(SparkCluster.Launched p) {
        return ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Marts the sample leaves empty on purpose: its figures add up, so no consistency check fires (CliEndToEndTest
     * asserts it). Every other mart has rows, so an equal count is not two empty tables agreeing.
     */
    private static final java.util.Set<String> EMPTY_ON_THE_SAMPLE = java.util.Set.of("consistency_checks");

    private static void assertGoldEqualsTheLocalRun() {
        for (String mart : BuildJob.MARTS) {
            Dataset<Row> expected = gold(local.toUri().toString(), mart);
            Dataset<Row> actual = gold(root, mart);
            long rows = actual.count();
            assertThat(rows).as("rows of gold." + mart).isEqualTo(expected.count());
            if (!EMPTY_ON_THE_SAMPLE.contains(mart)) {
                assertThat(rows).as("rows of gold." + mart).isPositive();
            }
            assertDataFrameNoOrderEquals(expected, actual);
        }
    }

    private static Dataset<Row> gold(String warehouseRoot, String mart) {
        return spark().read().format("delta").load(warehouseRoot.replaceAll("/$", "") + "/gold/" + mart);
    }

    /** Nothing may be written to the driver's working folder: every file belongs under the warehouse URI. */
    private static void assertNothingLeftIn(String... names) throws Exception {
        for (String name : names) {
            try (var files = Files.list(dir.resolve("cwd").resolve(name))) {
                assertThat(files.map(Path::getFileName).map(Path::toString))
                        .as("files left in the working folder of " + name)
                        .isEmpty();
            }
        }
    }

    /**
     * Replaces a CSV export of the sample (title, unit line, header, rows) with the same table as Parquet, its
     * columns text, as a platform exports it: on the cluster, Spark's executors must read it from the warehouse's
     * file system, not from the driver's disk where it was delivered.
     */
    private static void asParquet(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv, java.nio.charset.StandardCharsets.UTF_8);
        int header = 2; // 「2023年1月地方政府专项债券项目进展情况」, 「单位:万元」, then the header
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
        for (String name : lines.get(header).split(",")) {
            schema = schema.add(name, org.apache.spark.sql.types.DataTypes.StringType);
        }
        List<Row> rows = lines.subList(header + 1, lines.size()).stream()
                .filter(l -> !l.isBlank())
                .map(l -> org.apache.spark.sql.RowFactory.create((Object[]) l.split(",", -1)))
                .toList();
        assertThat(rows).hasSizeGreaterThan(5);
        Path out = dir.resolve("parquet-out");
        spark().createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        try (var parts = Files.list(out)) {
            Path part = parts.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            Files.move(part, csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".parquet")));
        }
        Files.delete(csv);
    }

    /** Runs the CLI in this JVM (the local reference, the sample, the users file). */
    private static int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code > 1) {
            throw new AssertionError("investlake " + String.join(" ", args) + " → " + code + "\n" + out + err);
        }
        return code;
    }
}
