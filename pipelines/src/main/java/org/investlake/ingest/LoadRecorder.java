package org.investlake.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;

/** Writes the ops tables of a load: the load log, quarantined rows, and data-quality results. */
final class LoadRecorder {
    private static final TableDoc LOAD_LOG = TableDoc.load("ops", "load_log");
    private static final TableDoc QUARANTINE = TableDoc.load("ops", "quarantine");
    private static final TableDoc DQ = TableDoc.load("ops", "dq_results");

    /** One rule that fired in a load: how often, and its first message. */
    record RuleCount(String ruleId, String action, int rows, String example) {}

    /** One quarantined row, with its rendered reasons. */
    record QuarantinedRow(int rowNumber, List<String> ruleIds, String reason, Map<String, String> record) {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Warehouse warehouse;
    private final TableStore store;

    LoadRecorder(Warehouse warehouse, TableStore store) {
        this.warehouse = warehouse;
        this.store = store;
    }

    /** Statuses of a load whose rows are in silver; an undone load (restore --load) is not loaded. */
    static final List<String> LOADED = List.of("loaded", "loaded_with_rejects");

    /** Prefixed to every commit note (a reprocess marks its writes with its own id, for rollback). */
    private String notePrefix = "";

    LoadRecorder notesPrefixed(String prefix) {
        this.notePrefix = prefix;
        return this;
    }

    /**
     * The earliest load still in silver (not rejected, not undone) that brought in these exact bytes
     * ({@code sha256}) or the same parsed content ({@code contentSha256}); either may be null.
     * Returns load_id, finished_at, source_file.
     */
    Optional<Row> previousSuccessfulLoad(String sha256, String contentSha256) {
        if (!warehouse.exists("ops", "load_log")) {
            return Optional.empty();
        }
        Dataset<Row> log = warehouse.spark().table("ops.load_log");
        Column same = functions.lit(false);
        if (sha256 != null) {
            same = same.or(functions.col("file_sha256").equalTo(sha256));
        }
        // a load log written before content fingerprints has no such column: bytes only
        if (contentSha256 != null && List.of(log.columns()).contains("content_sha256")) {
            same = same.or(functions.col("content_sha256").equalTo(contentSha256));
        }
        List<Row> rows = log.where(same.and(functions.col("status").isin(LOADED.toArray())))
                .select("load_id", "finished_at", "source_file")
                .orderBy("finished_at")
                .limit(1)
                .collectAsList();
        return rows.stream().findFirst();
    }

    /**
     * Every load still in silver, by its bytes' and by its cells' SHA-256 (the earliest of each), read once
     * for a whole batch; rows as {@link #previousSuccessfulLoad} gives them.
     */
    void loadedIdentities(Map<String, Row> byBytes, Map<String, Row> byCells) {
        if (!warehouse.exists("ops", "load_log")) {
            return;
        }
        Dataset<Row> log = warehouse.spark().table("ops.load_log");
        boolean cells = List.of(log.columns()).contains("content_sha256");
        for (Row r : log.where(functions.col("status").isin(LOADED.toArray()))
                .select(
                        functions.col("load_id"),
                        functions.col("finished_at"),
                        functions.col("source_file"),
                        functions.col("file_sha256"),
                        cells
                                ? functions.col("content_sha256")
                                : functions.lit(null).cast("string"))
                .orderBy("finished_at")
                .collectAsList()) {
            Row shown = RowFactory.create(r.get(0), r.get(1), r.get(2));
            byBytes.putIfAbsent(r.getString(3), shown);
            if (!r.isNullAt(4)) {
                byCells.putIfAbsent(r.getString(4), shown);
            }
        }
    }

    /** Marks a load undone (restore --load): its rows no longer count as delivered, its bytes may come again. */
    void markUndone(String loadId, Timestamp at, String note) {
        store.addMissingColumns(LOAD_LOG, notePrefix + note);
        store.update(
                LOAD_LOG,
                "load_id = '" + TableStore.escape(loadId) + "'",
                Map.of("status", "'undone'", "undone_at", "timestamp'" + at + "'"),
                notePrefix + note);
    }

    /**
     * Deletes the quarantine and quality rows of these loads (a reprocess writes them again under
     * today's rules).
     */
    void forget(List<String> loadIds, String note) {
        if (loadIds.isEmpty()) {
            return;
        }
        String in = "load_id IN ("
                + String.join(
                        ", ",
                        loadIds.stream()
                                .map(id -> "'" + TableStore.escape(id) + "'")
                                .toList())
                + ")";
        store.delete(QUARANTINE, in, notePrefix + note);
        store.delete(DQ, in, notePrefix + note);
    }

    void quarantine(String loadId, String feed, String file, List<QuarantinedRow> rows, Timestamp at) {
        appendQuarantine(quarantineRows(loadId, feed, file, rows, at), prefixed(loadId, file, "quarantine"));
    }

    static List<Row> quarantineRows(String loadId, String feed, String file, List<QuarantinedRow> rows, Timestamp at) {
        List<Row> out = new ArrayList<>();
        for (QuarantinedRow q : rows) {
            out.add(RowFactory.create(loadId, feed, file, q.rowNumber(), q.ruleIds(), q.reason(), q.record(), at));
        }
        return out;
    }

    /** One commit for the quarantined rows of one load or of a whole batch; nothing when there are none. */
    void appendQuarantine(List<Row> rows, String note) {
        if (!rows.isEmpty()) {
            store.append(QUARANTINE, warehouse.spark().createDataFrame(rows, QUARANTINE.declaredSchema()), note);
        }
    }

    void qualityResults(String loadId, String feed, String file, List<RuleCount> counts, Timestamp at) {
        appendQualityResults(qualityRows(loadId, feed, file, counts, at), prefixed(loadId, file, "dq"));
    }

    static List<Row> qualityRows(String loadId, String feed, String file, List<RuleCount> counts, Timestamp at) {
        List<Row> out = new ArrayList<>();
        for (RuleCount c : counts) {
            out.add(RowFactory.create(loadId, feed, file, c.ruleId(), c.action(), c.rows(), c.example(), at));
        }
        return out;
    }

    /** One commit for the rule counts of one load or of a whole batch; nothing when there are none. */
    void appendQualityResults(List<Row> rows, String note) {
        if (!rows.isEmpty()) {
            store.append(DQ, warehouse.spark().createDataFrame(rows, DQ.declaredSchema()), note);
        }
    }

    void log(
            FileLoadResult r, InputFile file, String format, String encoding, String contentSha256, Timestamp started) {
        appendLog(
                List.of(logRow(r, file, format, encoding, contentSha256, started)),
                prefixed(r.loadId(), file.name(), "load_log"));
        writeReport(r, file, started);
    }

    /** The load_log row of one file: what marks it as loaded once appended. */
    static Row logRow(
            FileLoadResult r, InputFile file, String format, String encoding, String contentSha256, Timestamp started) {
        String message = r.reasons().isEmpty() ? null : String.join("\n", r.reasons());
        return RowFactory.create(
                r.loadId(),
                r.feed(),
                file.name(),
                file.path().toAbsolutePath().toString(),
                file.sha256(),
                contentSha256,
                format,
                encoding,
                r.periods(),
                r.status().logName(),
                r.rowsRead(),
                r.rowsLoaded(),
                r.rowsWarned(),
                r.rowsQuarantined(),
                message,
                started,
                new Timestamp(System.currentTimeMillis()),
                null);
    }

    /** One commit for the load_log rows of one load or of a whole batch: the last write of a load. */
    void appendLog(List<Row> rows, String note) {
        store.addMissingColumns(LOAD_LOG, note + " (load_log columns)");
        store.append(LOAD_LOG, warehouse.spark().createDataFrame(rows, LOAD_LOG.declaredSchema()), note);
    }

    /**
     * The load report as JSON beside the load log (ops/load_reports/LOAD_ID.json), so a clerk's tool
     * can show it without SQL.
     */
    void writeReport(FileLoadResult r, InputFile file, Timestamp started) {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("load_id", r.loadId());
        report.put("file", file.name());
        report.put("path", file.path().toAbsolutePath().toString());
        report.put("sha256", file.sha256());
        report.put("feed", r.feed());
        report.put("status", r.status().logName());
        report.put("periods", r.periods());
        report.put("rows_read", r.rowsRead());
        report.put("rows_loaded", r.rowsLoaded());
        report.put("rows_warned", r.rowsWarned());
        report.put("rows_quarantined", r.rowsQuarantined());
        report.put("reasons", r.reasons());
        report.put("started_at", started.toInstant().toString());
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(reportPath(warehouse, r.loadId()));
            try (var out = warehouse.fs().create(p, true)) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "Cannot write the load report of " + file.name() + ": " + e.getMessage(), e);
        }
    }

    static String reportPath(Warehouse warehouse, String loadId) {
        return warehouse.root() + "/ops/load_reports/" + loadId + ".json";
    }

    String prefixed(String loadId, String file, String what) {
        return notePrefix + note(loadId, file, what);
    }

    static String note(String loadId, String file, String what) {
        return "load_id=" + loadId + "; file=" + file + "; " + what;
    }
}
