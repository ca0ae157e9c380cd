package org.investlake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;

/**
 * Recomputes silver for some feeds and periods from the deliveries that remain, in load order, with
 * today's schemas, rules and silver SQL: the one mechanism behind {@code reprocess} (a rule or SQL
 * was corrected) and {@code restore --load} (a delivery is undone).
 *
 * <p>For each feed and its periods: the periods' silver rows are deleted, then every remaining
 * delivery that touched them (ops.load_log status loaded or loaded_with_rejects; never an undone or
 * rejected one) is read again from its raw copy under bronze/_files and goes through the same
 * {@link LoadJob#parse}/{@link LoadJob#check} as a load, and its rows of those periods are merged
 * exactly as a load merges them (a snapshot feed replaces its month; stats keep an amount a later
 * delivery leaves empty). So the latest remaining delivery of each period wins, as if the others had
 * never come. The replayed loads' rows in ops.quarantine and ops.dq_results are replaced by what
 * today's rules say (for the whole file, also when only some of its periods were replayed). Replayed
 * rows keep their load id and get the reprocess time as loaded_at: they were written now. Bronze and
 * the raw copies are never changed.
 *
 * <p>Everything is one {@link WriteTransaction}: a failure puts every table back. The job does not
 * build gold; the caller does.
 */
public final class ReprocessJob {
    /** What one feed's period became: rows added, rows whose values changed, rows removed. */
    public record PeriodChange(String feed, String period, long added, long changed, long removed) {
        public boolean unchanged() {
            return added == 0 && changed == 0 && removed == 0;
        }
    }

    /** One replayed delivery: its quarantined rows before and now; {@code rejected} when today's rules refuse the whole file. */
    public record Replayed(
            String feed,
            String loadId,
            String file,
            List<String> periods,
            long quarantinedBefore,
            long quarantinedNow,
            String rejected) {}

    /** What a reprocess did. {@code undone} is the load restore --load undid, else null. */
    public record Result(
            String undone, Map<String, Set<String>> scope, List<Replayed> replayed, List<PeriodChange> changes) {
        public boolean nothingToDo() {
            return scope.isEmpty();
        }
    }

    /** A LOAD_ID restore --load cannot undo (unknown, rejected or already undone). */
    public static final class CannotUndoException extends IllegalArgumentException {
        public CannotUndoException(String message) {
            super(message);
        }
    }

    /** One row of ops.load_log. */
    private record Delivery(
            String loadId,
            String feed,
            String file,
            String sha256,
            List<String> periods,
            String status,
            Timestamp at) {}

    private static final TableDoc LOAD_LOG = TableDoc.load("ops", "load_log");
    /** Bookkeeping columns of silver that say where a row came from, not what it says. */
    private static final Set<String> NOT_VALUES = Set.of("load_id", "source_file", "source_row", "loaded_at");

    private final Warehouse warehouse;
    private final TableStore store;
    private final LoadRecorder recorder;
    private final LoadJob loader;
    private String feed;
    private YearMonth period;
    private String undo;
    /** Loads whose raw copy was large and streamed: their scratch folders, deleted when the reprocess ends. */
    private final Set<String> streamedLoads = new TreeSet<>();
    /** Where raw copies on another file system are copied to be streamed; null until one is. */
    private java.nio.file.Path localCopies;

    private ReprocessJob(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.store = new TableStore(warehouse);
        this.recorder = new LoadRecorder(warehouse, store);
        this.loader = LoadJob.on(warehouse);
    }

    public static ReprocessJob on(Warehouse warehouse) {
        return new ReprocessJob(warehouse);
    }

    /** Only this feed (null: every feed). */
    public ReprocessJob feed(String feed) {
        if (feed != null && !FeedDetector.FEEDS.contains(feed)) {
            throw new IllegalArgumentException(
                    "no feed 「" + feed + "」: feeds are " + String.join(", ", FeedDetector.FEEDS));
        }
        this.feed = feed;
        return this;
    }

    /** Only this period (null: every period). */
    public ReprocessJob period(YearMonth period) {
        this.period = period;
        return this;
    }

    /** Undo this load first (restore --load): marked undone, and its feed's periods recomputed without it. */
    public ReprocessJob undo(String loadId) {
        this.undo = loadId;
        return this;
    }

    /** Test seam: the size from which a raw copy is streamed, as {@link LoadJob#largeFileBytes} (0: every one). */
    ReprocessJob largeFileBytes(long bytes) {
        loader.largeFileBytes(bytes);
        return this;
    }

    /** The loads whose raw copies the last {@link #execute} streamed rather than held. */
    Set<String> streamedLoads() {
        return Set.copyOf(streamedLoads);
    }

    /** Test seam: the contract of each feed (a test substitutes a copy with an altered rule). */
    ReprocessJob schemas(java.util.function.Function<String, FeedSchema> schemas) {
        loader.schemas(schemas);
        return this;
    }

    /** Takes the warehouse lock itself (re-entrant), like every job that writes. */
    public Result execute() {
        streamedLoads.clear(); // the seam reports this run's streamed loads, not those of earlier runs
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse, undo == null ? "reprocess" : "restore")) {
            return executeLocked();
        } finally {
            discardStreamed();
        }
    }

    private Result executeLocked() {
        SparkSession spark = warehouse.spark();
        String id = "R" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Delivery> log = readLog();
        Delivery undone = undo == null ? null : undoable(log);
        List<Delivery> remaining = log.stream()
                .filter(d -> LoadRecorder.LOADED.contains(d.status()))
                .filter(d -> undone == null || !d.loadId().equals(undone.loadId()))
                .sorted(Comparator.comparing(Delivery::at).thenComparing(Delivery::loadId))
                .toList();
        Map<String, Set<String>> scope = scope(undone, remaining);
        if (scope.isEmpty() && undone == null) {
            return new Result(null, scope, List.of(), List.of());
        }
        TableVersions versions = new TableVersions(warehouse);
        Map<String, Long> silverBefore = new HashMap<>();
        scope.keySet().forEach(f -> silverBefore.put(f, versions.current("silver", f)));
        Map<String, List<Delivery>> toReplay = new LinkedHashMap<>();
        scope.forEach((f, periods) -> toReplay.put(
                f,
                remaining.stream()
                        .filter(d -> d.feed().equals(f) && d.periods().stream().anyMatch(periods::contains))
                        .toList()));
        Map<String, Long> quarantinedBefore = quarantineCounts(toReplay.values().stream()
                .flatMap(List::stream)
                .map(Delivery::loadId)
                .toList());

        String marker = "reprocess_id=" + id;
        WriteTransaction tx = WriteTransaction.begin(warehouse, marker);
        store.within(tx);
        recorder.notesPrefixed(marker + "; ");
        try {
            return tx.run(() -> {
                spark.sparkContext().setJobGroup(id, undone == null ? "reprocess" : "restore --load " + undo, false);
                if (undone != null) {
                    recorder.markUndone(
                            undone.loadId(),
                            now,
                            LoadRecorder.note(undone.loadId(), undone.file(), "undone (restore --load)"));
                }
                SilverTables.ensureAll(warehouse, store);
                List<Replayed> replayed = new ArrayList<>();
                List<PeriodChange> changes = new ArrayList<>();
                List<Row> quarantine = new ArrayList<>();
                List<Row> dq = new ArrayList<>();
                try {
                    for (Map.Entry<String, Set<String>> e : scope.entrySet()) {
                        String f = e.getKey();
                        Set<String> periods = e.getValue();
                        List<Delivery> deliveries = toReplay.get(f);
                        store.delete(
                                TableDoc.load("silver", f),
                                "period IN (" + quoted(periods) + ")",
                                marker + "; silver " + String.join(",", periods) + " recomputed from "
                                        + deliveries.size() + " deliveries");
                        recorder.forget(
                                deliveries.stream().map(Delivery::loadId).toList(), "quarantine and dq replaced");
                        // every delivery is checked first (later ones see the earlier ones as silver), then
                        // merged in one MERGE folded in load order: the same table as merging them one by one
                        List<DeliveryFold.Kept> valid = new ArrayList<>();
                        Set<String> written = new TreeSet<>();
                        loader.pending = feed -> feed.equals(f) ? List.copyOf(valid) : List.of();
                        loader.historyChecks = HistoryChecks.on(warehouse); // silver without the deleted periods
                        FeedSchema schema = null;
                        for (Delivery d : deliveries) {
                            Replay one = replay(d, periods, now, quarantinedBefore.getOrDefault(d.loadId(), 0L));
                            replayed.add(one.replayed());
                            quarantine.addAll(one.quarantine());
                            dq.addAll(one.dq());
                            if (one.valid() != null) {
                                valid.add(one.valid());
                                written.addAll(one.replayed().periods());
                                schema = one.reading().schema;
                            }
                        }
                        loader.pending = feed -> List.of();
                        if (!valid.isEmpty()) {
                            DeliveryFold.Kept folded = DeliveryFold.fold(schema, valid);
                            LoadJob.mergeSilver(
                                    store,
                                    schema,
                                    folded.toDataset(spark),
                                    List.copyOf(written),
                                    marker + "; silver " + String.join(",", written) + " from " + valid.size()
                                            + " deliveries");
                        }
                        changes.addAll(diff(f, silverBefore.get(f), periods));
                    }
                    recorder.appendQuarantine(quarantine, marker + "; quarantine");
                    recorder.appendQualityResults(dq, marker + "; dq");
                } finally {
                    loader.pending = feed -> List.of();
                    loader.historyChecks = null;
                }
                spark.sparkContext().clearJobGroup();
                return new Result(undone == null ? null : undone.loadId(), scope, replayed, changes);
            });
        } finally {
            store.within(null);
        }
    }

    /** One delivery read and checked again: its report, its rows to merge (null: none) and its ops rows. */
    private record Replay(
            Replayed replayed, LoadJob.Reading reading, DeliveryFold.Kept valid, List<Row> quarantine, List<Row> dq) {}

    /** Reads one delivery again from its raw copy and checks it; its rows of {@code periods} are merged by the caller. */
    private Replay replay(Delivery d, Set<String> periods, Timestamp now, long quarantinedBefore) {
        InputFile file = rawCopy(d);
        LoadJob.Reading r = new LoadJob.Reading(file, d.loadId(), now);
        try {
            loader.parse(r, d.feed());
            // the period a file named nowhere came from load --period, which the log keeps as its only period
            Optional<YearMonth> option = d.periods().size() == 1
                    ? Optional.of(YearMonth.parse(d.periods().get(0)))
                    : Optional.empty();
            loader.check(r, option);
            LoadJob.Outcome o = r.outcome;
            List<String> written =
                    o.result().periods().stream().filter(periods::contains).toList();
            DeliveryFold.Kept valid =
                    o.result().rowsLoaded() > 0 && !written.isEmpty() ? o.kept().only(written) : null;
            return new Replay(
                    new Replayed(
                            d.feed(),
                            d.loadId(),
                            file.name(),
                            valid == null ? List.of() : written,
                            quarantinedBefore,
                            o.quarantined().size(),
                            null),
                    r,
                    valid,
                    LoadRecorder.quarantineRows(d.loadId(), d.feed(), file.name(), o.quarantined(), now),
                    LoadRecorder.qualityRows(d.loadId(), d.feed(), file.name(), o.ruleCounts(), now));
        } catch (FileRejectedException e) {
            // today's rules refuse the whole file: none of its rows stays in silver
            return new Replay(
                    new Replayed(d.feed(), d.loadId(), file.name(), List.of(), quarantinedBefore, 0, e.getMessage()),
                    r,
                    null,
                    List.of(),
                    LoadRecorder.qualityRows(
                            d.loadId(),
                            d.feed(),
                            file.name(),
                            List.of(new LoadRecorder.RuleCount(e.ruleId(), "fail", 0, e.getMessage())),
                            now));
        }
    }

    /**
     * The delivered bytes, as kept by the load under bronze/_files/SHA256/NAME: held when small, else streamed as a
     * load streams a large file — from the raw copy itself on a local warehouse, from a local copy of it on another
     * file system (HDFS) — so that replaying a nation's month needs no more memory than loading it did.
     */
    private InputFile rawCopy(Delivery d) {
        org.apache.hadoop.fs.Path p = LoadJob.rawCopy(warehouse, d.sha256(), d.file());
        try {
            FileSystem fs = warehouse.fs();
            if (InputFile.streamed(d.file(), fs.getFileStatus(p).getLen(), loader.largeFileBytes)) {
                streamedLoads.add(d.loadId()); // its rows are staged under _staging/LOAD_ID until the merge
                return InputFile.keptOnDisk(d.file(), localFile(fs, p), d.sha256());
            }
            try (var in = fs.open(p)) {
                return InputFile.kept(d.file(), in.readAllBytes(), d.sha256());
            }
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException("cannot reprocess load " + d.loadId() + " (" + d.file() + "): its raw copy "
                    + p + " is missing; deliver the file again with `load --force`");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The raw copy as a local file: itself on the local file system, else copied into a temporary folder. */
    private java.nio.file.Path localFile(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        if ("file".equals(fs.getScheme())) {
            return java.nio.file.Path.of(fs.makeQualified(p).toUri().getPath());
        }
        if (localCopies == null) {
            localCopies = Files.createTempDirectory("investlake-reprocess-");
        }
        // one folder per raw copy: two deliveries may share a file name
        java.nio.file.Path local = Files.createDirectories(
                        localCopies.resolve(p.getParent().getName()))
                .resolve(p.getName());
        fs.copyToLocalFile(false, p, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }

    /** Deletes what the replays of large files left: their staged rows and local copies of their raw copies. */
    private void discardStreamed() {
        streamedLoads.forEach(loadId -> LargeFileStager.discard(warehouse, loadId));
        if (localCopies != null) {
            try (var files = Files.walk(localCopies)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary copy left behind is space, not data
            }
            localCopies = null;
        }
    }

    /** Feed → periods to recompute: the undone load's, or those of the remaining deliveries and of silver. */
    private Map<String, Set<String>> scope(Delivery undone, List<Delivery> remaining) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (undone != null) {
            out.put(undone.feed(), new TreeSet<>(undone.periods()));
            return out;
        }
        for (String f : FeedDetector.FEEDS) {
            if (feed != null && !feed.equals(f)) {
                continue;
            }
            Set<String> periods = new TreeSet<>();
            remaining.stream().filter(d -> d.feed().equals(f)).forEach(d -> periods.addAll(d.periods()));
            if (warehouse.exists("silver", f)) {
                // a period silver holds but no remaining delivery gives (e.g. after a table restore) goes
                periods.addAll(warehouse
                        .spark()
                        .table("silver." + f)
                        .select("period")
                        .distinct()
                        .as(Encoders.STRING())
                        .collectAsList());
            }
            if (period != null) {
                periods.retainAll(Set.of(period.toString()));
            }
            if (!periods.isEmpty()) {
                out.put(f, periods);
            }
        }
        return out;
    }

    private Delivery undoable(List<Delivery> log) {
        Delivery d = log.stream()
                .filter(x -> x.loadId().equals(undo))
                .findFirst()
                .orElseThrow(() -> new CannotUndoException("no load " + undo + " in ops.load_log (see `investlake sql "
                        + "\"SELECT load_id, source_file, status FROM ops.load_log ORDER BY started_at\"`)"));
        if (d.status().equals("undone")) {
            throw new CannotUndoException("load " + undo + " (" + d.file() + ") is already undone; deliver the file "
                    + "again with `load` to bring it back");
        }
        if (!LoadRecorder.LOADED.contains(d.status())) {
            throw new CannotUndoException("load " + undo + " (" + d.file() + ") is " + d.status()
                    + ": nothing of it reached silver, so there is nothing to undo");
        }
        return d;
    }

    private List<Delivery> readLog() {
        if (!warehouse.exists("ops", "load_log")) {
            if (undo != null) {
                throw new CannotUndoException("no load " + undo + ": nothing has been loaded into this warehouse");
            }
            return List.of();
        }
        List<Delivery> out = new ArrayList<>();
        for (Row r : warehouse
                .spark()
                .table(LOAD_LOG.qualifiedName())
                .where("feed IS NOT NULL")
                .select("load_id", "feed", "source_file", "file_sha256", "periods", "status", "started_at")
                .collectAsList()) {
            out.add(new Delivery(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.isNullAt(4) ? List.of() : r.getList(4),
                    r.getString(5),
                    r.getTimestamp(6)));
        }
        return out;
    }

    private Map<String, Long> quarantineCounts(List<String> loadIds) {
        Map<String, Long> out = new HashMap<>();
        if (loadIds.isEmpty() || !warehouse.exists("ops", "quarantine")) {
            return out;
        }
        for (Row r : warehouse
                .spark()
                .table("ops.quarantine")
                .where(functions.col("load_id").isin(loadIds.toArray()))
                .groupBy("load_id")
                .count()
                .collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /**
     * Per period, silver before ({@code versionBefore}) against now on the feed's key: rows added,
     * rows whose values changed (where a row came from is not a value), rows removed.
     */
    private List<PeriodChange> diff(String f, long versionBefore, Set<String> periods) {
        SparkSession spark = warehouse.spark();
        FeedSchema schema = FeedSchema.load(f);
        String location = warehouse.location("silver", f);
        Dataset<Row> now = spark.read().format("delta").load(location);
        Dataset<Row> before = versionBefore == TableVersions.ABSENT
                ? now.limit(0)
                : spark.read()
                        .format("delta")
                        .option("versionAsOf", versionBefore)
                        .load(location);
        String values = java.util.Arrays.stream(now.columns())
                .filter(c -> !NOT_VALUES.contains(c))
                .map(c -> "`" + c + "`")
                .collect(Collectors.joining(", "));
        String keys = String.join(", ", schema.key());
        String where = " WHERE period IN (" + quoted(periods) + ")";
        now.createOrReplaceTempView("reprocess_after");
        before.createOrReplaceTempView("reprocess_before");
        String on = schema.key().stream().map(k -> "a." + k + " <=> b." + k).collect(Collectors.joining(" AND "));
        Map<String, PeriodChange> byPeriod = new LinkedHashMap<>();
        periods.forEach(p -> byPeriod.put(p, new PeriodChange(f, p, 0, 0, 0)));
        for (Row r : spark.sql("SELECT coalesce(a.period, b.period) AS period, count_if(b.h IS NULL), "
                        + "count_if(a.h <> b.h), count_if(a.h IS NULL) FROM "
                        + "(SELECT " + keys + ", sha2(to_json(struct(" + values + ")), 256) AS h FROM reprocess_after"
                        + where + ") a FULL OUTER JOIN "
                        + "(SELECT " + keys + ", sha2(to_json(struct(" + values + ")), 256) AS h FROM reprocess_before"
                        + where + ") b ON " + on + " GROUP BY 1")
                .collectAsList()) {
            byPeriod.put(r.getString(0), new PeriodChange(f, r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3)));
        }
        return new ArrayList<>(byPeriod.values());
    }

    private static String quoted(Set<String> values) {
        return values.stream().map(v -> "'" + TableStore.escape(v) + "'").collect(Collectors.joining(", "));
    }
}
