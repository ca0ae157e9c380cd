package org.investlake.storage;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the several Delta commits of one load or build all-or-nothing: a load that fails halfway
 * leaves every table at its last good state.
 *
 * <p>The writer calls {@link #beforeWrite} before each write (TableStore does it for every table it
 * writes, once it has the transaction); the first call per table records that table's current Delta
 * version (or {@link TableVersions#ABSENT}). {@link #commit()} forgets the record. {@link #rollback()}
 * puts back every touched table:
 * <ul>
 *   <li>a table that existed is {@code RESTORE}d to its recorded version — one new commit, so the
 *       failed writes stay visible in {@code history} and the rollback itself can be undone;</li>
 *   <li>a table this transaction created has its folder deleted (and its name dropped), so the
 *       warehouse looks exactly as before: an empty table left behind would count as "built";</li>
 *   <li>only when every commit after the recorded version is ours: its user metadata carries this
 *       transaction's {@code marker} (TableStore writes "load_id=...; file=...; ...", so the marker of
 *       a load is {@code "load_id=" + loadId}, of a build {@code "build_id=" + buildId}), or it is
 *       the {@code CREATE TABLE} (version 0, no user metadata) of a table that was absent when we
 *       began. A commit of another writer in between is never undone: that table is reported as
 *       {@link Action#REFUSED} with what to do by hand. With the {@link WarehouseLock} held no other
 *       investlake writer can commit in between; this check is the safety net for writers that do
 *       not take the lock.</li>
 * </ul>
 * Not covered: files written outside Delta tables (the raw copy under bronze/_files is
 * content-addressed and harmless to keep).
 */
public final class WriteTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(WriteTransaction.class);

    /** What rollback did to one table. */
    public enum Action {
        /** RESTOREd to the recorded version. */
        RESTORED,
        /** Created by this transaction: folder deleted. */
        DELETED,
        /** No commit after the recorded version: nothing to undo. */
        UNCHANGED,
        /** Another writer committed after us: left as it is. */
        REFUSED,
        /** The restore or delete itself failed. */
        FAILED
    }

    /**
     * One touched table after rollback: its recorded version, versions and rows as found (before) and
     * after the rollback. ABSENT (-1) is "no table"; rows are -1 when not counted (UNCHANGED, REFUSED);
     * versions are -2 when unknown (FAILED).
     */
    public record Outcome(
            String table,
            long recordedVersion,
            Action action,
            long versionBefore,
            long versionAfter,
            long rowsBefore,
            long rowsAfter,
            String message) {}

    /** Every touched table, in the order first written. */
    public record Report(List<Outcome> outcomes) {
        /** True when every table is back at its recorded state. */
        public boolean complete() {
            return outcomes.stream().noneMatch(o -> o.action() == Action.REFUSED || o.action() == Action.FAILED);
        }

        /** One line per table, e.g. "silver.stats: restored to version 3 (was version 5; rows 8 → 4)". */
        public String summary() {
            return String.join("\n", outcomes.stream().map(Outcome::message).toList());
        }
    }

    /** Thrown by {@link #run} around the failure when the rollback could not restore everything. */
    public static final class IncompleteRollbackException extends RuntimeException {
        private final transient Report report;

        public IncompleteRollbackException(Report report, Throwable cause) {
            super("the failed write could not be rolled back completely:\n" + report.summary(), cause);
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /**
     * Added by {@link #run} as a suppressed exception to a failure it rolled back completely, so the
     * message the user sees can say the tables are back at their last good state.
     */
    public static final class RolledBack extends RuntimeException {
        private final transient Report report;

        public RolledBack(Report report) {
            super("rolled back:\n" + report.summary(), null, false, false);
            this.report = report;
        }

        public Report report() {
            return report;
        }

        /** The tables put back (restored or deleted). */
        public List<String> tables() {
            return report.outcomes().stream()
                    .filter(o -> o.action() == Action.RESTORED || o.action() == Action.DELETED)
                    .map(Outcome::table)
                    .toList();
        }
    }

    private final Warehouse warehouse;
    private final TableVersions versions;
    private final String marker;
    private final long beganAt = System.currentTimeMillis();
    /** layer.name → version before our first write (ABSENT when the table did not exist). */
    private final Map<String, Long> recorded = new LinkedHashMap<>();

    private boolean open = true;

    private WriteTransaction(Warehouse warehouse, String marker) {
        if (marker == null || marker.isBlank() || marker.contains(";")) {
            throw new IllegalArgumentException(
                    "a transaction marker is one 'key=value' token of the commit notes, not " + marker);
        }
        this.warehouse = warehouse;
        this.versions = new TableVersions(warehouse);
        this.marker = marker.trim();
    }

    /**
     * Starts a transaction whose commits carry {@code marker} in their user metadata, e.g.
     * {@code "load_id=" + loadId} (TableStore's notes start with it).
     */
    public static WriteTransaction begin(Warehouse warehouse, String marker) {
        return new WriteTransaction(warehouse, marker);
    }

    public String marker() {
        return marker;
    }

    /** Call before writing layer.table; the first call per table records its current version. */
    public void beforeWrite(String layer, String table) {
        if (!open) {
            throw new IllegalStateException("transaction " + marker + " is already committed or rolled back");
        }
        recorded.computeIfAbsent(layer + "." + table, k -> versions.current(layer, table));
    }

    /** The tables touched so far and their recorded versions (ABSENT = did not exist). */
    public Map<String, Long> touched() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    /** The writes are good: forget the recorded versions. */
    public void commit() {
        open = false;
        recorded.clear();
    }

    /**
     * Puts every touched table back to its recorded version (see the class comment). Never throws for
     * one table: a table it cannot put back is reported as REFUSED or FAILED and the others still are.
     */
    public Report rollback() {
        open = false;
        List<Outcome> out = new ArrayList<>();
        List<String> tables = new ArrayList<>(recorded.keySet());
        java.util.Collections.reverse(tables); // last written first: ops before silver before bronze
        for (String q : tables) {
            String[] p = q.split("\\.", 2);
            Outcome o;
            try {
                o = rollback(p[0], p[1], recorded.get(q));
            } catch (Exception e) { // Spark's AnalysisException is checked, yet thrown through Scala
                o = new Outcome(
                        q,
                        recorded.get(q),
                        Action.FAILED,
                        -2,
                        -2,
                        -1,
                        -1,
                        q + ": rollback failed (" + TableVersions.firstLine(String.valueOf(e.getMessage())) + ")");
            }
            if (o.action() != Action.UNCHANGED) {
                LOG.warn("rollback of {}: {}", marker, o.message());
            }
            out.add(o);
        }
        java.util.Collections.reverse(out);
        recorded.clear();
        return new Report(out);
    }

    /**
     * Runs {@code body}; commits when it returns, rolls back when it throws, and rethrows: the same
     * exception with a {@link RolledBack} suppressed in it when tables were put back, or wrapped in
     * {@link IncompleteRollbackException} when the rollback could not put everything back.
     */
    public <T> T run(Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (Throwable e) { // Spark's AnalysisException is checked, yet Scala code throws it anywhere
            Report r = rollback();
            if (!r.complete()) {
                throw new IncompleteRollbackException(r, e);
            }
            RolledBack note = new RolledBack(r);
            if (!note.tables().isEmpty()) {
                e.addSuppressed(note);
            }
            throw WriteTransaction.<RuntimeException>sneaky(e);
        }
        commit();
        return result;
    }

    /** Rethrows {@code e} as it is, checked or not (the compiler is told it is a RuntimeException). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    private Outcome rollback(String layer, String table, long recordedVersion) {
        String q = layer + "." + table;
        long latest = versions.current(layer, table);
        if (latest == recordedVersion || latest == TableVersions.ABSENT) {
            return new Outcome(
                    q,
                    recordedVersion,
                    Action.UNCHANGED,
                    latest,
                    latest,
                    -1,
                    -1,
                    q + ": unchanged (version " + (latest == TableVersions.ABSENT ? "none" : latest) + ")");
        }
        if (latest < recordedVersion) {
            return new Outcome(
                    q,
                    recordedVersion,
                    Action.REFUSED,
                    latest,
                    latest,
                    -1,
                    -1,
                    q + ": now at version " + latest + ", before the recorded version " + recordedVersion
                            + " (recreated by someone else?); not rolled back");
        }
        List<Row> commits = versions.commitsAfter(layer, table, recordedVersion, latest);
        for (Row c : commits) {
            if (!ours(c, recordedVersion)) {
                return new Outcome(
                        q,
                        recordedVersion,
                        Action.REFUSED,
                        latest,
                        latest,
                        -1,
                        -1,
                        q + ": version " + c.getLong(0) + " (" + c.getString(1) + ", "
                                + (c.isNullAt(2) ? "no note" : c.getString(2))
                                + ") was written by another writer after "
                                + marker + "; not rolled back — check `investlake history " + q
                                + "`, then restore it by hand"
                                + (recordedVersion == TableVersions.ABSENT
                                        ? ""
                                        : " (`investlake restore " + q + " --version " + recordedVersion
                                                + "` would also undo that writer's commit)"));
            }
        }
        if (commits.isEmpty() || commits.get(commits.size() - 1).getLong(0) != latest) {
            return new Outcome(
                    q,
                    recordedVersion,
                    Action.REFUSED,
                    latest,
                    latest,
                    -1,
                    -1,
                    q + ": the history after version " + recordedVersion + " is incomplete; not rolled back");
        }
        if (recordedVersion == TableVersions.ABSENT) {
            long rowsBefore = versions.rows(layer, table);
            delete(layer, table);
            return new Outcome(
                    q,
                    recordedVersion,
                    Action.DELETED,
                    latest,
                    TableVersions.ABSENT,
                    rowsBefore,
                    0,
                    q + ": created by the failed write; deleted (was version " + latest + "; rows " + rowsBefore
                            + " → 0)");
        }
        TableVersions.Restored r = versions.restore(layer, table, recordedVersion, "rollback of " + marker);
        return new Outcome(
                q,
                recordedVersion,
                Action.RESTORED,
                r.versionBefore(),
                r.versionAfter(),
                r.rowsBefore(),
                r.rowsAfter(),
                q + ": " + r.describe().substring(q.length() + 1));
    }

    /** Whether a commit after the recorded version is one of this transaction's. */
    private boolean ours(Row commit, long recordedVersion) {
        long version = commit.getLong(0);
        String note = commit.isNullAt(2) ? null : commit.getString(2);
        if (note != null) {
            return Arrays.stream(note.split(";")).map(String::trim).anyMatch(marker::equals);
        }
        // TableStore.ensure's CREATE TABLE carries no note: ours when the table was absent at our first
        // write and it was created after we began (1 s of slack for coarse file-system clocks).
        Timestamp at = commit.getTimestamp(3);
        return recordedVersion == TableVersions.ABSENT
                && version == 0
                && String.valueOf(commit.getString(1)).startsWith("CREATE")
                && (at == null || at.getTime() >= beganAt - 1000);
    }

    private void delete(String layer, String table) {
        String q = layer + "." + table;
        try {
            if (warehouse.spark().catalog().tableExists(q)) {
                // drop the name only when it is this warehouse's table (external: the files stay)
                String at = warehouse
                        .spark()
                        .sql("DESCRIBE DETAIL " + q)
                        .select("location")
                        .first()
                        .getString(0);
                if (plain(at).equals(plain(warehouse.location(layer, table)))) {
                    warehouse.spark().sql("DROP TABLE " + q);
                }
            }
            warehouse.fs().delete(new org.apache.hadoop.fs.Path(warehouse.location(layer, table)), true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "cannot delete " + warehouse.location(layer, table) + ": " + e.getMessage(), e);
        }
    }

    private static String plain(String location) {
        return location.replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    }
}
