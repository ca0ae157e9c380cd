package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;

/**
 * Loads several delivered files as one batch ({@code run --inbox}, {@code load} of several files): every file
 * (every sheet of a workbook) is read and checked first, exactly as {@link LoadJob} checks one; then everything
 * accepted is written together in one {@link WriteTransaction} — per feed one bronze append and one silver MERGE,
 * and one append to each ops table — instead of about six Delta commits per file. Each file keeps its own load id,
 * report, quarantined rows and load_log row; a file rejected as a whole is recorded (bronze, dq_results, load_log)
 * without holding back the others; a failure while writing puts every table back, so no file of the batch is
 * half-loaded.
 *
 * <p>A dry run ({@link LoadJob#dryRun}) reads and checks the files as a batch would, so its reports say what the
 * batch would do (a later file checked against the earlier ones, a repeated file skipped), and writes nothing.
 *
 * <p>The files are checked in period order, whatever order they were named in, each against the months before it
 * (files of one period keep the order given: the later one is the later delivery). The files of a feed are folded in
 * that order ({@link DeliveryFold}) into one MERGE source that gives the same silver as merging them one after another: a snapshot feed (projects, bonds) keeps, for each period, the rows of the last file that
 * delivered it; stats keep per key the latest value each column was given (an amount a later file leaves empty
 * keeps the earlier one, as a load does against silver). A file whose bytes or cells equal an earlier file of the
 * same batch is skipped like one already loaded.
 */
public final class LoadBatch {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoadBatch.class);

    private final LoadJob job;
    private final Warehouse warehouse;
    private final TableStore store;
    private final LoadRecorder recorder;

    private LoadBatch(LoadJob job, Warehouse warehouse) {
        this.job = job;
        this.warehouse = warehouse;
        this.store = new TableStore(warehouse);
        this.recorder = new LoadRecorder(warehouse, store);
    }

    /** A batch with {@code job}'s settings (feed, period, force) and checks. */
    public static LoadBatch of(LoadJob job) {
        return new LoadBatch(job, job.warehouse());
    }

    /** One file or sheet of the batch and what the checks decided. */
    private static final class Item {
        final InputFile file;
        final LoadJob.Reading reading;
        final List<String> notes;
        FileLoadResult result;
        /** Recorded in the tables (loaded, partly loaded or rejected); false when skipped or unreadable. */
        boolean recorded;

        FileRejectedException rejection;
        /** The path named to the batch: a workbook's sheets share it. */
        Path path;
        /** The earliest period the file delivers, once read; null when unknown (its check rejects it). */
        YearMonth firstPeriod;

        Item(InputFile file, LoadJob.Reading reading, List<String> notes) {
            this.file = file;
            this.reading = reading;
            this.notes = notes;
        }

        String feed() {
            return result.feed();
        }

        boolean accepted() {
            return recorded && rejection == null;
        }
    }

    /**
     * Reads, checks then loads {@code paths} under the warehouse lock; {@code step} is told what comes next (each
     * file's name before it is read, again before it is checked, then the writing), {@link #steps} in all. One result
     * per file or loaded sheet, in the order given.
     */
    public List<FileLoadResult> execute(List<Path> paths, Consumer<String> step) {
        if (job.isDryRun()) {
            return executeLocked(paths, step); // reads only, writes nothing: no lock to wait for
        }
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse, "load")) {
            return executeLocked(paths, step);
        }
    }

    /** The steps {@link #execute} tells of for {@code files} files: each read, each checked, then the writing. */
    public static int steps(int files) {
        return 2 * files + 1;
    }

    private List<FileLoadResult> executeLocked(List<Path> paths, Consumer<String> step) {
        Timestamp started = new Timestamp(System.currentTimeMillis());
        LocalDateTime idTime = LocalDateTime.now();
        Map<String, Row> loadedBytes = new HashMap<>();
        Map<String, Row> loadedCells = new HashMap<>();
        long t0 = System.nanoTime();
        if (!job.force) {
            recorder.loadedIdentities(loadedBytes, loadedCells);
        }
        LOG.info("batch: read what is already loaded in {} ms", ms(t0));
        List<Item> items = new ArrayList<>();
        // what the files checked so far will have merged into silver: later files' month-on-month rules see it
        Map<String, List<DeliveryFold.Kept>> pending = new HashMap<>();
        job.pending = feed -> pending.getOrDefault(feed, List.of());
        job.historyChecks = HistoryChecks.on(warehouse); // silver is read once: nothing is written before the end
        try {
            for (Path path : paths) {
                step.accept("读取 read " + path.getFileName());
                InputFile file;
                try {
                    file = InputFile.read(path, job.largeFileBytes);
                } catch (IOException e) {
                    Item item = new Item(null, null, List.of());
                    item.result = LoadJob.unreadable(path, job.feed, e);
                    items.add(item);
                    continue;
                }
                SheetPlan plan = SheetPlan.of(file, job.feed, job.schemas);
                boolean first = true;
                for (InputFile sheet : plan.loads()) {
                    // a load id per file, unique in the batch even within one millisecond
                    String loadId = idTime.plusNanos(items.size() * 1_000_000L)
                                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))
                            + "-" + sheet.sha256().substring(0, 8);
                    items.add(read(sheet, loadId, started, first ? plan.notes() : List.of(), loadedBytes, path));
                    first = false;
                }
            }
            // checked, and folded, in period order: whatever order the files were named in (a shell's glob puts
            // 1-10月 before 1-9月), each is checked against the months before it; files of one period keep the order
            // given, as the later delivery of a period is the one silver keeps
            List<Item> byPeriod = items.stream()
                    .sorted(Comparator.comparing(
                            (Item i) -> i.firstPeriod, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .toList();
            Set<Path> told = new HashSet<>();
            for (Item item : byPeriod) {
                if (item.result != null) {
                    continue; // skipped, unreadable or rejected while reading
                }
                if (told.add(item.path)) {
                    step.accept("检查 check " + item.path.getFileName());
                }
                long t1 = System.nanoTime();
                check(item, started, loadedBytes, loadedCells);
                LOG.info("batch: checked {} in {} ms", item.file.name(), ms(t1));
                if (item.accepted() && item.result.rowsLoaded() > 0) {
                    pending.computeIfAbsent(item.feed(), f -> new ArrayList<>()).add(item.reading.outcome.kept());
                }
            }
            long recorded = items.stream().filter(i -> i.recorded).count();
            if (job.isDryRun()) {
                step.accept("试运行 dry run: nothing written");
                return items.stream().map(i -> i.result).toList();
            }
            step.accept("写入 write: " + recorded + " files in one transaction");
            if (recorded > 0) {
                write(byPeriod, started);
            }
            return items.stream().map(i -> i.result).toList();
        } finally {
            job.pending = feed -> List.of();
            job.historyChecks = null;
            for (Item i : items) {
                if (i.file != null && i.file.large()) {
                    LargeFileStager.discard(warehouse, i.reading.loadId);
                }
            }
        }
    }

    /**
     * Reads one file or sheet and finds its feed and first period; sets its result when it is already loaded or
     * cannot be read as any feed, else leaves it to {@link #check}.
     */
    private Item read(
            InputFile file,
            String loadId,
            Timestamp started,
            List<String> notes,
            Map<String, Row> loadedBytes,
            Path path) {
        LoadJob.Reading r = new LoadJob.Reading(file, loadId, started);
        Item item = new Item(file, r, notes);
        item.path = path;
        if (skippedAsRepeat(item, loadedBytes, Map.of())) {
            return item; // already loaded: not even parsed
        }
        try {
            job.parse(r, job.feed);
            item.firstPeriod = job.firstPeriod(r, job.period).orElse(null);
        } catch (FileRejectedException e) {
            reject(item, e);
        }
        return item;
    }

    /** Checks one file or sheet, as {@link LoadJob} does, and says what the batch will do with it. */
    private void check(Item item, Timestamp started, Map<String, Row> loadedBytes, Map<String, Row> loadedCells) {
        InputFile file = item.file;
        LoadJob.Reading r = item.reading;
        // an earlier file of this batch (in period order) with the same bytes or cells makes this one a repeat
        if (skippedAsRepeat(item, loadedBytes, loadedCells)) {
            return;
        }
        try {
            job.check(r, job.period);
            item.result = r.outcome.result().withReasonsFirst(item.notes);
            item.recorded = true;
            if (!job.force && item.result.status() != FileLoadResult.Status.REJECTED) {
                // a later file of this batch with the same bytes or cells is skipped like one already loaded
                Row self = RowFactory.create(r.loadId, started, file.name());
                loadedBytes.putIfAbsent(file.sha256(), self);
                loadedCells.putIfAbsent(r.contentSha256, self);
            }
        } catch (FileRejectedException e) {
            reject(item, e);
        }
    }

    /**
     * Marks {@code item} skipped when its bytes, or (once parsed) its cells, equal a delivery in {@code loadedBytes}
     * or {@code loadedCells}: one already loaded, or an earlier file of this batch.
     */
    private boolean skippedAsRepeat(Item item, Map<String, Row> loadedBytes, Map<String, Row> loadedCells) {
        Row earlier = loadedBytes.get(item.file.sha256());
        if (earlier != null) {
            item.result = LoadJob.skipped(item.file, job.feed, earlier, "内容与已入库的「%s」完全相同(批次 %s),未重复入库")
                    .withReasonsFirst(item.notes);
            return true;
        }
        LoadJob.Reading r = item.reading;
        Row same = r.contentSha256 == null ? null : loadedCells.get(r.contentSha256);
        if (same != null) {
            item.result = LoadJob.skipped(
                            item.file, r.schema.feed(), same, "单元格内容与已入库的「%s」完全相同(批次 %s,文件字节不同,例如重新保存过),未重复入库")
                    .withReasonsFirst(item.notes);
            return true;
        }
        return false;
    }

    private void reject(Item item, FileRejectedException e) {
        LoadJob.Reading r = item.reading;
        String feedName = r.schema != null ? r.schema.feed() : job.feed;
        item.rejection = e;
        item.result = FileLoadResult.rejected(item.file.name(), feedName, r.loadId, e.getMessage())
                .withReasonsFirst(item.notes);
        item.recorded = true;
    }

    /** Writes every recorded file of the batch: bronze and silver per feed, then the ops tables, in one transaction. */
    private void write(List<Item> items, Timestamp started) {
        List<Item> recorded = items.stream().filter(i -> i.recorded).toList();
        String marker = "batch_id=" + recorded.get(0).result.loadId();
        WriteTransaction tx = WriteTransaction.begin(warehouse, marker);
        store.within(tx);
        try {
            tx.run(() -> {
                warehouse.spark().sparkContext().setJobGroup(marker, "load " + recorded.size() + " files", false);
                try {
                    long t = System.nanoTime();
                    recorded.forEach(i -> job.keepRawCopy(i.file));
                    Map<String, List<Item>> byFeed = new LinkedHashMap<>();
                    for (Item i : recorded) {
                        if (i.feed() != null) {
                            byFeed.computeIfAbsent(i.feed(), f -> new ArrayList<>())
                                    .add(i);
                        }
                    }
                    byFeed.forEach((feed, of) -> writeBronze(feed, of, started, marker));
                    job.afterWrite.accept("bronze");
                    LOG.info("batch: raw copies and bronze in {} ms", ms(t));
                    t = System.nanoTime();
                    SilverTables.ensureAll(warehouse, store);
                    byFeed.forEach((feed, of) -> mergeSilver(of, marker));
                    job.afterWrite.accept("silver");
                    LOG.info("batch: silver in {} ms", ms(t));
                    t = System.nanoTime();
                    writeOps(recorded, started, marker);
                    LOG.info("batch: ops in {} ms", ms(t));
                    return null;
                } finally {
                    warehouse.spark().sparkContext().clearJobGroup();
                }
            });
        } finally {
            store.within(null);
        }
    }

    private void writeBronze(String feed, List<Item> items, Timestamp started, String marker) {
        TableDoc doc = TableDoc.load("bronze", feed);
        // the held files' rows go as one local relation; a streamed file's are read from its scratch Parquet
        List<Row> held = new ArrayList<>();
        List<Dataset<Row>> stored = new ArrayList<>();
        List<Item> written = new ArrayList<>();
        for (Item i : items) {
            LoadJob.Reading r = i.reading;
            if (r.grid == null || r.schema == null || !LoadJob.hasBronze(r)) {
                continue; // rejected before its feed was known: only the raw copy and the logs keep it
            }
            if (r.staged != null && r.staged.stored() != null) {
                stored.add(job.bronzeOf(r));
            } else {
                held.addAll(
                        r.staged != null
                                ? r.staged.bronzeRows()
                                : LoadJob.unparsedRows(r.grid, i.file, r.loadId, started));
            }
            written.add(i);
        }
        if (written.isEmpty()) {
            return;
        }
        Dataset<Row> rows = held.isEmpty() ? null : warehouse.spark().createDataFrame(held, doc.declaredSchema());
        for (Dataset<Row> d : stored) {
            rows = rows == null ? d : rows.unionByName(d);
        }
        store.append(doc, rows, note(marker, written, "bronze"));
    }

    private void mergeSilver(List<Item> items, String marker) {
        List<Item> accepted = items.stream()
                .filter(i -> i.accepted() && i.result.rowsLoaded() > 0)
                .toList();
        if (accepted.isEmpty()) {
            return;
        }
        FeedSchema schema = accepted.get(0).reading.schema;
        Set<String> periods = new LinkedHashSet<>();
        accepted.forEach(i -> periods.addAll(i.result.periods()));
        DeliveryFold.Kept folded = DeliveryFold.fold(
                schema, accepted.stream().map(i -> i.reading.outcome.kept()).toList());
        LoadJob.mergeSilver(
                store,
                schema,
                folded.toDataset(warehouse.spark()),
                List.copyOf(periods),
                note(marker, accepted, "silver " + String.join(",", periods)));
    }

    private void writeOps(List<Item> recorded, Timestamp started, String marker) {
        List<Row> quarantine = new ArrayList<>();
        List<Row> dq = new ArrayList<>();
        List<Row> log = new ArrayList<>();
        for (Item i : recorded) {
            LoadJob.Reading r = i.reading;
            String file = i.file.name();
            String loadId = i.result.loadId();
            if (i.rejection == null) {
                quarantine.addAll(
                        LoadRecorder.quarantineRows(loadId, i.feed(), file, r.outcome.quarantined(), started));
                dq.addAll(LoadRecorder.qualityRows(loadId, i.feed(), file, r.outcome.ruleCounts(), started));
            } else {
                dq.addAll(LoadRecorder.qualityRows(
                        loadId,
                        i.feed(),
                        file,
                        List.of(new LoadRecorder.RuleCount(i.rejection.ruleId(), "fail", 0, i.rejection.getMessage())),
                        started));
            }
            log.add(LoadRecorder.logRow(
                    i.result,
                    i.file,
                    r.grid == null ? i.file.extension() : r.grid.format(),
                    r.grid == null ? null : r.grid.encoding(),
                    r.contentSha256,
                    started));
        }
        recorder.appendQuarantine(quarantine, note(marker, recorded, "quarantine"));
        recorder.appendQualityResults(dq, note(marker, recorded, "dq"));
        job.afterWrite.accept("ops");
        recorder.appendLog(log, note(marker, recorded, "load_log"));
        recorded.forEach(i -> recorder.writeReport(i.result, i.file, started));
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** The commit note of a batch write: its marker, the load ids and files it carries, and what it is. */
    private static String note(String marker, List<Item> items, String what) {
        List<String> ids = items.stream().map(i -> i.result.loadId()).toList();
        List<String> files = items.stream().map(i -> i.file.name()).toList();
        return marker + "; load_id=" + String.join(",", ids) + "; file=" + String.join(",", files) + "; " + what;
    }
}
