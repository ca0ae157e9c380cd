package org.investlake.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.investlake.reference.ReferenceData;
import scala.Option;

/**
 * The warehouse: one root (a local folder or any Hadoop-compatible URI) holding one folder per layer
 * and one Delta table per folder below it ({@code <root>/silver/stats}). Opening it registers every
 * existing table by name ({@code silver.stats}) in the session's catalog, so SQL, DESCRIBE HISTORY and
 * VERSION AS OF work without a persistent metastore.
 */
public final class Warehouse {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Warehouse.class);
    public static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops");

    private final SparkSession spark;
    private final String root;
    private final ReferenceData reference;
    /** Names this warehouse has registered (or found registered at its location) in the session. */
    private final java.util.Set<String> registered = new java.util.HashSet<>();

    private Warehouse(SparkSession spark, String root, ReferenceData reference) {
        this.spark = spark;
        this.root = root;
        this.reference = reference;
    }

    /** Opens (and on first use creates) the warehouse at {@code rootUri} in {@code spark}. */
    public static Warehouse open(SparkSession spark, String rootUri, ReferenceData reference) {
        long started = System.nanoTime();
        Warehouse w = new Warehouse(spark, Locations.normalise(rootUri), reference);
        w.refresh();
        long registered = System.nanoTime();
        ReferenceViews.register(spark, reference);
        // a fixed cost of every command (--verbose): each table's registration reads its Delta log
        LOG.info(
                "warehouse {}: {} tables registered in {} ms, reference views in {} ms",
                w.root,
                w.registered.size(),
                (registered - started) / 1_000_000,
                (System.nanoTime() - registered) / 1_000_000);
        return w;
    }

    public SparkSession spark() {
        return spark;
    }

    public String root() {
        return root;
    }

    public ReferenceData reference() {
        return reference;
    }

    public String location(String layer, String table) {
        return root + "/" + layer + "/" + table;
    }

    /** Whether a Delta table has been written at layer/table. */
    public boolean exists(String layer, String table) {
        try {
            return fs().exists(new org.apache.hadoop.fs.Path(location(layer, table) + "/_delta_log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers layer.table by name for its location (again, if another warehouse had the name). */
    public void register(String layer, String table) {
        ensureDatabase(layer);
        String name = layer + "." + table;
        if (registered.contains(name)) {
            return;
        }
        String location = location(layer, table);
        if (spark.catalog().tableExists(name)) {
            if (sameLocation(registeredLocation(layer, table), location)) {
                registered.add(name);
                return;
            }
            spark.sql("DROP TABLE " + name); // external: the files stay
        }
        registerBare(layer, table, location);
        registered.add(name);
    }

    /** The layer's database in the session catalog; a statement only when it is missing (each costs a query's planning). */
    private void ensureDatabase(String layer) {
        if (!spark.sessionState().catalog().databaseExists(layer)) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + layer);
        }
    }

    /**
     * The catalog entry Delta's {@code CREATE TABLE … USING DELTA LOCATION} leaves for an existing table — external,
     * provider delta, the location, no columns (queries read the schema from the log) — made directly, without
     * reading the table's log: Delta's statement reads it only to check it, which was about half of a bare
     * {@code sql "SELECT 1"} (4.4 of 9.1 s for the demo's 20 tables; docs/performance.md, "Session and catalog
     * start"). A table that is not Delta fails when a statement first reads it, as it would have here.
     */
    private void registerBare(String layer, String table, String location) {
        scala.collection.immutable.Map<String, String> none = scala.collection.immutable.Map$.MODULE$.empty();
        scala.collection.Seq<String> noColumns = scala.collection.JavaConverters.asScalaBufferConverter(
                        List.<String>of())
                .asScala()
                .toSeq();
        org.apache.spark.sql.catalyst.catalog.CatalogTable entry =
                new org.apache.spark.sql.catalyst.catalog.CatalogTable(
                        new TableIdentifier(table, Option.apply(layer)),
                        org.apache.spark.sql.catalyst.catalog.CatalogTableType.EXTERNAL(),
                        new org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat(
                                Option.apply(org.apache.spark.sql.catalyst.catalog.CatalogUtils.stringToURI(location)),
                                Option.empty(),
                                Option.empty(),
                                Option.empty(),
                                false,
                                none),
                        new org.apache.spark.sql.types.StructType(),
                        Option.apply("delta"),
                        noColumns,
                        Option.empty(),
                        "",
                        System.currentTimeMillis(),
                        -1L,
                        "",
                        none,
                        Option.empty(),
                        Option.empty(),
                        Option.empty(),
                        noColumns,
                        true,
                        true,
                        none,
                        Option.empty());
        spark.sessionState().catalog().createTable(entry, true, false);
    }

    /**
     * Where the catalog says {@code layer.table} lives — from the catalog, not DESCRIBE DETAIL, because the
     * warehouse that registered the name may be gone (a deleted folder) and Delta cannot describe it then.
     */
    private String registeredLocation(String layer, String table) {
        try {
            return spark.sessionState()
                    .catalog()
                    .getTableMetadata(new TableIdentifier(table, Option.apply(layer)))
                    .location()
                    .toString();
        } catch (NoSuchDatabaseException | NoSuchTableException e) {
            return "";
        }
    }

    /** Records that {@code layer.table} now names this warehouse's table (after a CREATE TABLE). */
    void markRegistered(String layer, String table) {
        registered.add(layer + "." + table);
    }

    /** Every table of every layer, as layer.table names. */
    public List<String> tables() {
        List<String> out = new ArrayList<>();
        for (String layer : LAYERS) {
            for (String t : tablesIn(layer)) {
                out.add(layer + "." + t);
            }
        }
        return out;
    }

    /**
     * Registers every table found under the root, including those another writer created since this warehouse was
     * opened: a command opens the warehouse, then may wait for the lock while another process creates the tables
     * of a new warehouse.
     */
    public void refresh() {
        for (String layer : LAYERS) {
            ensureDatabase(layer);
            for (String t : tablesIn(layer)) {
                register(layer, t);
            }
        }
    }

    private List<String> tablesIn(String layer) {
        List<String> out = new ArrayList<>();
        try {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root + "/" + layer);
            FileSystem fs = fs();
            if (!fs.exists(dir)) {
                return out;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                if (st.isDirectory() && fs.exists(new org.apache.hadoop.fs.Path(st.getPath(), "_delta_log"))) {
                    out.add(st.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list warehouse " + root + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    public FileSystem fs() throws IOException {
        return FileSystem.get(URI.create(root), spark.sparkContext().hadoopConfiguration());
    }

    private static boolean sameLocation(String a, String b) {
        return stripScheme(a).equals(stripScheme(b));
    }

    private static String stripScheme(String s) {
        return s.replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    }
}
