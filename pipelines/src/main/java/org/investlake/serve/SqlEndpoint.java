package org.investlake.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.investlake.reference.ReferenceData;
import org.investlake.storage.SparkSessions;
import org.investlake.storage.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL endpoint: the Spark Thrift Server (HiveServer2's protocol, what Superset, DBeaver, beeline and
 * JupySQL speak) in this process, over the warehouse. Its own Hive-enabled session keeps the catalog in
 * an in-memory Derby metastore (nothing persists beside the warehouse; the tables are registered again
 * at every start, by name and with their comments, as every command does). Every client statement
 * goes through {@link ReadOnlySessions}, so the endpoint only reads; Delta reads the latest committed
 * version of a table at each query, so a load by another process shows at the next query and never
 * half-done.
 */
public final class SqlEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEndpoint.class);

    /** How the endpoint is to listen; {@code usersFile} null means no authentication. */
    public record Settings(String bind, int port, String usersFile, String master, boolean verbose) {}

    private final SparkSession spark;
    private final HiveThriftServer2 server;
    private final Warehouse warehouse;
    private final ScheduledExecutorService refresher;
    private final String host;
    private final int port;

    private SqlEndpoint(
            SparkSession spark,
            HiveThriftServer2 server,
            Warehouse warehouse,
            ScheduledExecutorService refresher,
            String host,
            int port) {
        this.spark = spark;
        this.server = server;
        this.warehouse = warehouse;
        this.refresher = refresher;
        this.host = host;
        this.port = port;
    }

    /** Whether {@code bind} names this machine's loopback interface only (127.0.0.1, ::1, localhost). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Starts the endpoint; returns once it accepts connections. */
    public static SqlEndpoint start(String warehouseUri, ReferenceData reference, Settings settings) {
        SparkSession.Builder b = SparkSessions.applyTo(
                SparkSession.builder().appName("investlake serve").master(settings.master()));
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + ReadOnlySessions.class.getName());
        // The metastore lives in memory: one per process, gone at exit; the tables are re-registered each start.
        // Everything is set on the builder: settings made after a thread touched the metastore are ignored.
        String id = UUID.randomUUID().toString().replace("-", "");
        if (System.getProperty("derby.stream.error.file") == null) {
            // Derby writes its log into the working folder unless told otherwise (bin/investlake tells it; spark-submit
            // does not): the temp folder, so nothing is left where the command ran
            System.setProperty(
                    "derby.stream.error.file",
                    Path.of(System.getProperty("java.io.tmpdir"), "investlake-derby.log")
                            .toString());
        }
        b.config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:memory:investlake" + id + ";create=true");
        b.config("spark.hadoop.hive.metastore.schema.verification", "false");
        b.config("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        b.config("spark.hadoop.hive.server2.thrift.port", Integer.toString(settings.port()));
        b.config("spark.hadoop.hive.server2.thrift.bind.host", settings.bind());
        b.config("spark.hadoop.hive.server2.transport.mode", "binary");
        if (settings.usersFile() != null) {
            b.config("spark.hadoop.hive.server2.authentication", "CUSTOM");
            b.config("spark.hadoop.hive.server2.custom.authentication.class", AccountAuthenticator.class.getName());
            b.config("spark.hadoop." + AccountAuthenticator.USERS_FILE, settings.usersFile());
            // HiveServer2's login check reads a fresh HiveConf, which sees system properties, not the session's
            System.setProperty("hive.server2.custom.authentication.class", AccountAuthenticator.class.getName());
            System.setProperty(AccountAuthenticator.USERS_FILE, settings.usersFile());
        } else {
            b.config("spark.hadoop.hive.server2.authentication", "NONE");
        }
        // The Thrift Server answers each client in its own session; the warehouse's tables are global.
        b.config("spark.sql.hive.thriftServer.singleSession", "false");
        b.enableHiveSupport();
        SparkSession spark = b.getOrCreate();
        if (!settings.verbose()) {
            spark.sparkContext().setLogLevel("ERROR");
            // a refused login is answered to the client; its stack trace in the server's log helps no one
            org.apache.logging.log4j.core.config.Configurator.setLevel(
                    "org.apache.thrift.transport.TSaslTransport", org.apache.logging.log4j.Level.OFF);
            org.apache.logging.log4j.core.config.Configurator.setLevel(
                    "org.apache.thrift.server.TThreadPoolServer", org.apache.logging.log4j.Level.OFF);
            // the metastore refusing a Hive-format schema before Spark stores it its own way (describeInCatalog)
            org.apache.logging.log4j.core.config.Configurator.setLevel(
                    "org.apache.hadoop.hive.metastore", org.apache.logging.log4j.Level.OFF);
        }
        ReadOnlySessions.exempt(spark);

        Warehouse warehouse = Warehouse.open(spark, warehouseUri, reference);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "investlake-serve-refresh");
            t.setDaemon(true);
            return t;
        });
        Runnable refresh = () -> registerNewTables(warehouse);
        refresh.run();
        ReadOnlySessions.beforeStatement(refresh);
        // metadata calls (getTables) parse no statement: a table built meanwhile shows within seconds there too
        refresher.scheduleWithFixedDelay(refresh, 5, 5, TimeUnit.SECONDS);

        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        int port = settings.port();
        for (Service s : server.getServices()) {
            if (s instanceof ThriftCLIService thrift) {
                port = waitForPort(thrift);
            }
        }
        return new SqlEndpoint(spark, server, warehouse, refresher, settings.bind(), port);
    }

    /** The serve thread binds asynchronously: wait until it has a port (port 0 means any free one). */
    private static int waitForPort(ThriftCLIService thrift) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (thrift.getPortNumber() <= 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return thrift.getPortNumber();
    }

    /** Tables whose catalog entry already carries their columns and comment. */
    private static final java.util.Set<String> DESCRIBED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Registers tables created since the last look (a first build of a mart); the known ones cost nothing. */
    private static synchronized void registerNewTables(Warehouse warehouse) {
        try {
            // runs before every client statement, under one lock: a known table costs only its folder listing,
            // never a catalog statement, so concurrent clients do not queue behind re-registrations
            for (String name : warehouse.tables()) {
                if (DESCRIBED.contains(name)) {
                    continue;
                }
                int dot = name.indexOf('.');
                warehouse.register(name.substring(0, dot), name.substring(dot + 1));
                describeInCatalog(warehouse.spark(), name.substring(0, dot), name.substring(dot + 1));
                DESCRIBED.add(name);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for new tables: {}", e.getMessage());
        }
    }

    /**
     * Copies a Delta table's description and columns into its metastore entry: Delta keeps them in its
     * log and leaves the entry bare, but JDBC's getTables (REMARKS) and getColumns — what DBeaver and
     * Superset list — read the entry. Queries still read the schema from the log; a column a later build
     * adds shows in getColumns after a restart.
     */
    private static void describeInCatalog(SparkSession spark, String db, String table) {
        try {
            ExternalCatalog catalog = spark.sharedState().externalCatalog();
            CatalogTable t = catalog.getTable(db, table);
            Object description =
                    spark.sql("DESCRIBE DETAIL " + db + "." + table).first().getAs("description");
            if (description != null) {
                catalog.alterTable(t.copy(
                        t.copy$default$1(),
                        t.copy$default$2(),
                        t.copy$default$3(),
                        t.copy$default$4(),
                        t.copy$default$5(),
                        t.copy$default$6(),
                        t.copy$default$7(),
                        t.copy$default$8(),
                        t.copy$default$9(),
                        t.copy$default$10(),
                        t.copy$default$11(),
                        t.copy$default$12(),
                        t.copy$default$13(),
                        t.copy$default$14(),
                        scala.Option.apply(description.toString()),
                        t.copy$default$16(),
                        t.copy$default$17(),
                        t.copy$default$18(),
                        t.copy$default$19(),
                        t.copy$default$20()));
            }
            // Hive's own check refuses the change; Spark then stores it in its own format (Hive logs the refusal)
            catalog.alterTableDataSchema(
                    db, table, spark.table(db + "." + table).schema());
        } catch (RuntimeException e) {
            LOG.warn("Could not describe {}.{} in the catalog: {}", db, table, e.getMessage());
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /** jdbc:hive2://host:port/default */
    public String jdbcUrl() {
        return "jdbc:hive2://" + hostForUrl() + ":" + port + "/default";
    }

    private String hostForUrl() {
        String h = host;
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                h = InetAddress.getLocalHost().getHostName(); // every interface: name the machine to others
            } catch (UnknownHostException e) {
                h = "127.0.0.1";
            }
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** Stops the server and the session; the process may then exit. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            server.stop();
        } finally {
            spark.stop();
        }
    }
}
