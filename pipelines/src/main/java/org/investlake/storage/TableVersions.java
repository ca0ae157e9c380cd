package org.investlake.storage;

import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Delta versions of the warehouse's tables: the current version of a table (or of several at once),
 * its history, and {@code RESTORE} to an earlier version.
 *
 * <p>The current version is read from the file names in the table's {@code _delta_log} (the highest
 * {@code NNNNNNNNNNNNNNNNNNNN.json}): one listing, no Spark job, cheap enough to call before every
 * write. A table whose {@code _delta_log} has no commit yet is {@link #ABSENT}.
 */
public final class TableVersions {
    /** The version recorded for a table that does not exist (yet). */
    public static final long ABSENT = -1L;

    private static final Pattern COMMIT_FILE = Pattern.compile("^(\\d{20})\\.json$");
    private static final String COMMIT_NOTE = "spark.databricks.delta.commitInfo.userMetadata";

    private final Warehouse warehouse;

    public TableVersions(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** A table of the warehouse by layer and name. */
    public record TableName(String layer, String name) {
        public String qualified() {
            return layer + "." + name;
        }

        @Override
        public String toString() {
            return qualified();
        }
    }

    /** What a restore did: the version asked for, the version before and after (the RESTORE commit), rows before and after. */
    public record Restored(
            String table, long restoredTo, long versionBefore, long versionAfter, long rowsBefore, long rowsAfter) {
        /** False when the table already was at {@code restoredTo}: nothing was committed. */
        public boolean changed() {
            return versionAfter != versionBefore;
        }

        /** "silver.stats restored to version 2 (was version 4; rows 8 → 4)". */
        public String describe() {
            if (!changed()) {
                return table + " is already at version " + restoredTo + "; nothing to restore (rows " + rowsAfter + ")";
            }
            return table + " restored to version " + restoredTo + " (was version " + versionBefore + "; rows "
                    + rowsBefore + " → " + rowsAfter + ")";
        }
    }

    /** A TABLE argument that names no table of this warehouse. */
    public static final class NoSuchTableException extends IllegalArgumentException {
        public NoSuchTableException(String message) {
            super(message);
        }
    }

    /** A version a table never had (or no longer has). */
    public static final class NoSuchVersionException extends IllegalArgumentException {
        public NoSuchVersionException(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code qualified} is {@code layer.name} of an existing table of the warehouse; else
     * throws {@link NoSuchTableException} with a message listing the tables there are.
     */
    public TableName table(String qualified) {
        String[] parts = qualified == null ? new String[0] : qualified.trim().split("\\.", -1);
        List<String> tables = warehouse.tables();
        String known = tables.isEmpty()
                ? "the warehouse " + warehouse.root() + " has no tables yet"
                : "tables: " + String.join(", ", tables);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new NoSuchTableException("「" + qualified + "」 is not LAYER.NAME (e.g. silver.stats); " + known);
        }
        String layer = parts[0].toLowerCase(java.util.Locale.ROOT);
        String name = parts[1].toLowerCase(java.util.Locale.ROOT);
        if (!Warehouse.LAYERS.contains(layer)) {
            throw new NoSuchTableException(
                    "no layer 「" + parts[0] + "」: layers are " + String.join(", ", Warehouse.LAYERS) + "; " + known);
        }
        if (!warehouse.exists(layer, name)) {
            throw new NoSuchTableException("no table " + layer + "." + name + " in this warehouse; " + known);
        }
        return new TableName(layer, name);
    }

    /** The current (latest committed) version of layer.table, or {@link #ABSENT}. */
    public long current(String layer, String table) {
        return latestCommit(warehouse.location(layer, table));
    }

    /** The current version of each table (layer.name), in the order given; ABSENT for a missing one. */
    public Map<String, Long> snapshot(Collection<String> qualifiedNames) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String q : qualifiedNames) {
            String[] p = q.split("\\.", 2);
            out.put(q, current(p[0], p[1]));
        }
        return out;
    }

    /** The current version of every table of the warehouse. */
    public Map<String, Long> snapshotAll() {
        return snapshot(warehouse.tables());
    }

    /** Rows in the table now (Delta answers this from its file statistics). */
    public long rows(String layer, String table) {
        return warehouse
                .spark()
                .read()
                .format("delta")
                .load(warehouse.location(layer, table))
                .count();
    }

    /**
     * The table's Delta history, newest first, at most {@code limit} commits: version, timestamp
     * (session time zone), operation, load_id and file (parsed from the commit's user metadata, which
     * {@link TableStore} writes as "load_id=...; file=...; ..."), the user metadata itself,
     * num_output_rows, and the other row and file counts of the commit as "name=value" (timings,
     * byte sizes and zeros left out).
     */
    public Dataset<Row> history(String layer, String table, int limit) {
        SparkSession spark = warehouse.spark();
        return DeltaTable.forPath(spark, warehouse.location(layer, table))
                .history(limit)
                .selectExpr(
                        "version",
                        "date_format(timestamp, 'yyyy-MM-dd HH:mm:ss') AS timestamp",
                        "operation",
                        "nullif(regexp_extract(coalesce(userMetadata, ''), 'load_id=([^;]*)', 1), '') AS load_id",
                        "nullif(regexp_extract(coalesce(userMetadata, ''), 'file=([^;]*)', 1), '') AS file",
                        "userMetadata AS user_metadata",
                        "CAST(operationMetrics['numOutputRows'] AS BIGINT) AS num_output_rows",
                        "array_join(transform(array_sort(filter(map_entries(operationMetrics), "
                                + "e -> e.value <> '0' AND NOT e.key RLIKE '(TimeMs|Bytes|Size)')), "
                                + "e -> concat(e.key, '=', e.value)), ', ') AS metrics")
                .orderBy(functions.col("version").desc());
    }

    /** Restores layer.table to {@code version}; see {@link #restore(String, String, long, String)}. */
    public Restored restore(String qualified, long version) {
        TableName t = table(qualified);
        return restore(t.layer(), t.name(), version, "restore to version " + version);
    }

    /**
     * {@code RESTORE} layer.table to {@code version}: one new commit whose content is that version's
     * (the history stays, so the restore itself can be undone by restoring the version before it). The
     * commit's user metadata is {@code note}. A version the table never had throws
     * {@link NoSuchVersionException}; the current version changes nothing.
     */
    public Restored restore(String layer, String table, long version, String note) {
        // a writer like any other; reentrant inside a load or build that rolls back under its own hold
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse, "restore")) {
            return restoreLocked(layer, table, version, note);
        }
    }

    private Restored restoreLocked(String layer, String table, long version, String note) {
        String qualified = layer + "." + table;
        String location = warehouse.location(layer, table);
        long before = latestCommit(location);
        if (before == ABSENT) {
            throw new NoSuchTableException("no table " + qualified + " in this warehouse");
        }
        if (version < 0 || version > before) {
            throw new NoSuchVersionException(qualified + " has no version " + version + ": its versions are 0 to "
                    + before + " (see `investlake history " + qualified + "`)");
        }
        long rowsBefore = rows(layer, table);
        if (version == before) {
            return new Restored(qualified, version, before, before, rowsBefore, rowsBefore);
        }
        SparkSession spark = warehouse.spark();
        // By path, not by name: the catalog name may point at another warehouse opened in this session.
        spark.conf().set(COMMIT_NOTE, note);
        try {
            spark.sql("RESTORE TABLE delta.`" + location.replace("`", "``") + "` TO VERSION AS OF " + version)
                    .collectAsList();
        } catch (Exception e) { // Delta's errors are AnalysisExceptions: checked, thrown through Scala
            String m = String.valueOf(e.getMessage());
            // log cleaned up (versions before the oldest checkpoint) or data files vacuumed
            if (m.contains("DELTA_CANNOT_RESTORE_TABLE_VERSION")
                    || m.contains("DELTA_VERSIONS_NOT_CONTIGUOUS")
                    || m.contains("VersionNotFound")
                    || m.contains("are available in file system")) {
                throw new NoSuchVersionException(
                        qualified + ": version " + version + " can no longer be restored (" + firstLine(m) + ")");
            }
            throw e;
        } finally {
            spark.conf().unset(COMMIT_NOTE);
        }
        return new Restored(qualified, version, before, latestCommit(location), rowsBefore, rows(layer, table));
    }

    /** The highest commit version in {@code location}/_delta_log, or ABSENT. */
    long latestCommit(String location) {
        try {
            FileSystem fs = warehouse.fs();
            org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location + "/_delta_log");
            FileStatus[] files;
            try {
                files = fs.listStatus(log);
            } catch (FileNotFoundException e) {
                return ABSENT;
            }
            long latest = ABSENT;
            for (FileStatus f : files) {
                Matcher m = COMMIT_FILE.matcher(f.getPath().getName());
                if (m.matches()) {
                    latest = Math.max(latest, Long.parseLong(m.group(1)));
                }
            }
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta log of " + location + ": " + e.getMessage(), e);
        }
    }

    /** The commits of layer.table after {@code afterVersion}, oldest first: version, operation, userMetadata. */
    List<Row> commitsAfter(String layer, String table, long afterVersion, long latest) {
        int n = (int) Math.min(Integer.MAX_VALUE, latest - afterVersion);
        return DeltaTable.forPath(warehouse.spark(), warehouse.location(layer, table))
                .history(n + 1)
                .where(functions.col("version").gt(afterVersion))
                .select("version", "operation", "userMetadata", "timestamp")
                .orderBy("version")
                .collectAsList();
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
