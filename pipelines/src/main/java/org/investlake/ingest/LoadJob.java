package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.investlake.quality.RuleEngine;
import org.investlake.storage.SqlFiles;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one delivered file: bronze (as delivered) → silver (typed and conformed by
 * sql/silver/FEED.sql, checked by the rules of schemas/FEED.yaml, merged on the feed's key) and ops
 * (quarantine, quality results, load log, and a JSON load report).
 *
 * <p>Everything that can reject the whole file is decided before the first table write. Writes then
 * go in this order, each one Delta commit: the raw file copy, bronze, silver, quarantine, quality
 * results, and last the load log, whose row is what marks a file as loaded.
 */
public final class LoadJob {
    private static final Logger LOG = LoggerFactory.getLogger(LoadJob.class);
    private static final int REASONS_SHOWN = 5;

    private final Warehouse warehouse;
    private final TableStore store;
    private final LoadRecorder recorder;
    /** The feed given with --feed, or null. */
    String feed;

    Optional<YearMonth> period = Optional.empty();
    private boolean dryRun;
    boolean force;
    /**
     * Where a named feed's contract comes from: schemas/FEED.yaml with the city's own header words, or a
     * test's altered copy.
     */
    java.util.function.Function<String, FeedSchema> schemas;
    /** Reset when a transaction rolls back: the rollback deletes the silver tables it had created. */
    private boolean silverTablesEnsured;

    private Dataset<Row> lastPreview;
    /** The load id of a streamed file whose scratch folder {@link #lastPreview} still reads; null when none. */
    private String previewScratch;
    /** Called after each group of writes with its name (bronze, silver, ops): a seam for failure tests. */
    java.util.function.Consumer<String> afterWrite = step -> {};
    /**
     * In a batch, the kept rows of the files of a feed checked before this one and not yet written: the
     * feed's history view counts them as already in silver ({@link LoadBatch}, {@link DeliveryFold}).
     */
    java.util.function.Function<String, List<DeliveryFold.Kept>> pending = feed -> List.of();
    /** The history checks of the files checked before anything of them is written; null: made for the next check. */
    HistoryChecks historyChecks;
    /** From this size a CSV or Parquet delivery is streamed, not held ({@link InputFile#LARGE_BYTES}). */
    long largeFileBytes = InputFile.LARGE_BYTES;

    private LoadJob(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.store = new TableStore(warehouse);
        this.recorder = new LoadRecorder(warehouse, store);
        this.schemas = f -> FeedSchema.forCity(f, warehouse.reference());
    }

    Warehouse warehouse() {
        return warehouse;
    }

    public static LoadJob on(Warehouse warehouse) {
        IngestFunctions.register(warehouse.spark());
        return new LoadJob(warehouse);
    }

    /** The feed of every file; null (the default) recognises each file from its header. */
    public LoadJob feed(String feed) {
        this.feed = feed;
        return this;
    }

    /** The period to assume when a file names none (load --period). */
    public LoadJob period(YearMonth period) {
        this.period = Optional.ofNullable(period);
        return this;
    }

    /**
     * Check files without writing anything (load --dry-run): the same reading, parsing and rules, the
     * same report, and no table, copy or log changes.
     */
    public LoadJob dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /**
     * Load files even when the same bytes or the same content were loaded before (load --force): a new
     * load id, so the file is the latest delivery of its periods.
     */
    public LoadJob force(boolean force) {
        this.force = force;
        return this;
    }

    /** Test seam: the contract of a named feed (a test substitutes a copy with an altered rule). */
    LoadJob schemas(java.util.function.Function<String, FeedSchema> schemas) {
        this.schemas = schemas;
        return this;
    }

    /** Whether this job only checks (load --dry-run). */
    public boolean isDryRun() {
        return dryRun;
    }

    /** After a dry run, the rows that would have reached silver (silver's columns), else null. */
    public Dataset<Row> lastPreview() {
        return lastPreview;
    }

    /**
     * Forgets the last dry run's preview and deletes the scratch folder a streamed file's preview reads: call it when
     * the preview is no longer looked at (a dry run writes nothing else, and leaves nothing behind).
     */
    public void discardPreview() {
        if (previewScratch != null) {
            LargeFileStager.discard(warehouse, previewScratch);
            previewScratch = null;
        }
        lastPreview = null;
    }

    /**
     * The size from which a CSV or Parquet file is streamed rather than held ({@link InputFile#LARGE_BYTES} unless
     * set; 0 streams every one, as a test does to check both ways give the same tables).
     */
    public LoadJob largeFileBytes(long bytes) {
        this.largeFileBytes = bytes;
        return this;
    }

    /** Test seam: runs after each group of writes; a test throws from it to simulate a crash midway. */
    LoadJob afterEachWrite(java.util.function.Consumer<String> hook) {
        this.afterWrite = hook;
        return this;
    }

    /** What the checks decided about one file, before anything is written. */
    record Checked(FeedSchema schema, FileLayout layout, RowStager.Staged staged, CheckedRows rows) {}

    /**
     * One file on its way through the checks, and what is known of it so far (null: not reached). A
     * load, a dry run and a reprocess all go through {@link #parse} and {@link #check}; only what they
     * then write differs.
     */
    static final class Reading {
        final InputFile file;
        final String loadId;
        final Timestamp loadedAt;
        Grid grid;
        FeedSchema schema;
        String contentSha256;
        RowStager.Staged staged;
        Checked checked;
        Outcome outcome;

        Reading(InputFile file, String loadId, Timestamp loadedAt) {
            this.file = file;
            this.loadId = loadId;
            this.loadedAt = loadedAt;
        }
    }

    /**
     * Loads one file under the warehouse lock, taken here so every caller (command, test, notebook,
     * scheduler) is covered; reentrant inside a command that holds it. A dry run writes nothing and
     * does not wait for it.
     */
    public FileLoadResult execute(Path path) {
        try (WarehouseLock lock = dryRun ? null : WarehouseLock.acquire(warehouse, "load")) {
            return executeLocked(path);
        }
    }

    private FileLoadResult executeLocked(Path path) {
        Timestamp started = new Timestamp(System.currentTimeMillis());
        InputFile file;
        try {
            file = InputFile.read(path, largeFileBytes);
        } catch (IOException e) {
            return unreadable(path, feed, e);
        }
        return executeFile(file, started, List.of());
    }

    /**
     * Loads one delivered file, a workbook sheet by sheet ({@link SheetPlan}): one result per sheet
     * loaded, the first carrying the notes on the sheets skipped. Any other file gives one result.
     * Takes the warehouse lock like {@link #execute(Path)}.
     */
    public List<FileLoadResult> executeEach(Path path) {
        try (WarehouseLock lock = dryRun ? null : WarehouseLock.acquire(warehouse, "load")) {
            return executeEachLocked(path);
        }
    }

    private List<FileLoadResult> executeEachLocked(Path path) {
        Timestamp started = new Timestamp(System.currentTimeMillis());
        InputFile file;
        try {
            file = InputFile.read(path, largeFileBytes);
        } catch (IOException e) {
            return List.of(executeLocked(path));
        }
        SheetPlan plan = SheetPlan.of(file, feed, schemas);
        List<FileLoadResult> results = new ArrayList<>();
        for (InputFile sheet : plan.loads()) {
            // the workbook's skipped sheets are said once, with its first loaded sheet, and logged with it
            results.add(executeFile(sheet, started, results.isEmpty() ? plan.notes() : List.of()));
        }
        return results;
    }

    /** Loads one file or sheet; {@code notes} (the workbook's skipped sheets) lead its report and its load_log row. */
    private FileLoadResult executeFile(InputFile file, Timestamp started, List<String> notes) {
        Optional<Row> earlier =
                dryRun || force ? Optional.empty() : recorder.previousSuccessfulLoad(file.sha256(), null);
        if (earlier.isPresent()) {
            return skipped(file, feed, earlier.get(), "内容与已入库的「%s」完全相同(批次 %s),未重复入库")
                    .withReasonsFirst(notes);
        }
        String loadId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + "-"
                + file.sha256().substring(0, 8);
        WriteTransaction tx = WriteTransaction.begin(warehouse, "load_id=" + loadId);
        store.within(tx);
        try {
            return tx.run(() -> {
                SparkSession spark = warehouse.spark();
                spark.sparkContext().setJobGroup(loadId, "load " + file.name(), false);
                if (!dryRun) {
                    keepRawCopy(file);
                }
                Reading reading = new Reading(file, loadId, started);
                historyChecks = HistoryChecks.on(warehouse); // silver as the files before this one left it
                try {
                    parse(reading, feed);
                    if (!dryRun && !force) {
                        Optional<Row> same = recorder.previousSuccessfulLoad(null, reading.contentSha256);
                        if (same.isPresent()) {
                            // a workbook saved again: new bytes (xlsx carries timestamps), the same cells
                            return skipped(
                                            file,
                                            reading.schema.feed(),
                                            same.get(),
                                            "单元格内容与已入库的「%s」完全相同(批次 %s,文件字节不同,例如重新保存过),未重复入库")
                                    .withReasonsFirst(notes);
                        }
                    }
                    check(reading, period);
                    if (dryRun) {
                        discardPreview();
                        lastPreview = reading.outcome.kept().toDataset(spark);
                        previewScratch = file.large() ? loadId : null;
                        return reading.outcome.result().withReasonsFirst(notes);
                    }
                    return write(reading, started, notes);
                } catch (FileRejectedException e) {
                    Grid grid = reading.grid;
                    FeedSchema schema = reading.schema;
                    String feedName = schema != null ? schema.feed() : feed;
                    if (dryRun) {
                        return FileLoadResult.rejected(file.name(), feedName, loadId, e.getMessage())
                                .withReasonsFirst(notes);
                    }
                    if (grid != null && schema != null) {
                        writeBronze(schema, reading, file, loadId);
                    }
                    FileLoadResult r = FileLoadResult.rejected(file.name(), feedName, loadId, e.getMessage())
                            .withReasonsFirst(notes);
                    recorder.qualityResults(
                            loadId,
                            feedName,
                            file.name(),
                            List.of(new LoadRecorder.RuleCount(e.ruleId(), "fail", 0, e.getMessage())),
                            started);
                    recorder.log(
                            r,
                            file,
                            file.extension(),
                            grid == null ? null : grid.encoding(),
                            reading.contentSha256,
                            started);
                    return r;
                } finally {
                    spark.sparkContext().clearJobGroup();
                }
            });
        } catch (RuntimeException e) {
            silverTablesEnsured = false; // the rollback deleted the silver tables this load had created
            throw e;
        } finally {
            store.within(null);
            if (file.large() && !loadId.equals(previewScratch)) {
                LargeFileStager.discard(warehouse, loadId); // unless a dry run's preview still reads it
            }
        }
    }

    /** A file that could not be read at all: rejected, nothing written, the reason in a clerk's words. */
    static FileLoadResult unreadable(Path path, String feed, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException
                ? "文件不存在"
                : e instanceof java.nio.file.AccessDeniedException ? "没有读取这个文件的权限" : "无法读取文件(" + e.getMessage() + ")";
        return FileLoadResult.rejected(path.getFileName().toString(), feed, null, path + ": " + why);
    }

    static FileLoadResult skipped(InputFile file, String feed, Row earlier, String why) {
        return new FileLoadResult(
                file.name(),
                feed,
                earlier.getString(0),
                FileLoadResult.Status.SKIPPED,
                List.of(),
                0,
                0,
                0,
                0,
                List.of(file.name() + ": " + String.format(why, earlier.getString(2), earlier.getString(0))));
    }

    /** Reads the file and finds its feed: {@code feedName}'s contract, else recognised from the header. */
    void parse(Reading r, String feedName) throws FileRejectedException {
        boolean streamed = r.file.large();
        String scratch = LargeFileStager.scratch(warehouse, r.loadId);
        r.grid = streamed
                ? LargeFileStager.head(r.file, warehouse.spark(), scratch)
                : GridReader.forFile(r.file, warehouse.spark(), scratch).read(r.file);
        r.schema = feedName != null
                ? schemas.apply(feedName)
                : FeedDetector.detect(r.grid, r.file.name(), FeedDetector.knownSchemas(schemas));
        if (streamed && !r.schema.snapshotPerPeriod()) {
            // a large statistics table (rare: a few thousand rows even for the nation) is held whole, as its
            // checks compare rows with one another
            r.grid = GridReader.forFile(r.file, warehouse.spark(), scratch).read(r.file);
            streamed = false;
        }
        if (streamed) {
            // one pass over the file stages it, sums it and fingerprints it; the grid keeps its first rows
            ContentFingerprint.Digest digest = new ContentFingerprint.Digest(r.schema.feed());
            FileLayout layout = LayoutDetector.detect(r.grid, r.schema, r.file.name());
            long t = System.nanoTime();
            r.staged = LargeFileStager.stage(warehouse, r.file, r.schema, layout, r.loadId, r.loadedAt, digest);
            LOG.info("staged {} in {} ms", r.file.name(), (System.nanoTime() - t) / 1_000_000);
            r.contentSha256 = digest.hex();
        } else {
            r.contentSha256 = ContentFingerprint.of(r.schema.feed(), r.grid);
        }
    }

    /**
     * Finds the layout and period, stages the rows, parses them with the feed's silver SQL and applies
     * its rules: everything decided about a file before anything is written.
     */
    void check(Reading r, Optional<YearMonth> periodOption) throws FileRejectedException {
        FileLayout layout = LayoutDetector.detect(r.grid, r.schema, r.file.name());
        if (r.staged == null) {
            r.staged = new RowStager(r.schema, layout).stage(r.grid, r.file, r.loadId, r.loadedAt);
        }
        DataSummary data = r.staged.summary();
        if (data.rows() == 0) {
            throw new FileRejectedException("not_empty", r.file.name() + ": 表头下面没有数据行");
        }
        Optional<YearMonth> filePeriod = PeriodResolver.resolve(layout, data, periodOption, r.file.name());
        layout = layout.withNotes(PeriodResolver.checkPossible(
                layout, data, filePeriod, warehouse.reference().allTargets().keySet(), YearMonth.now(), r.file.name()));
        r.checked = check(r.file, r.schema, layout, r.staged, filePeriod, r.loadId);
        r.outcome = evaluate(r.file, r.checked, r.loadId);
    }

    /**
     * The earliest period a parsed file delivers, as {@link PeriodResolver} finds it for {@link #check}, known before
     * the checks so that a batch can check its files in period order; empty when the file gives none, or is one the
     * check will reject (with the reason then). Stages the rows, which {@code check} reuses.
     */
    Optional<YearMonth> firstPeriod(Reading r, Optional<YearMonth> periodOption) {
        try {
            FileLayout layout = LayoutDetector.detect(r.grid, r.schema, r.file.name());
            if (r.staged == null) {
                r.staged = new RowStager(r.schema, layout).stage(r.grid, r.file, r.loadId, r.loadedAt);
            }
            DataSummary data = r.staged.summary();
            Optional<YearMonth> fileWide = PeriodResolver.resolve(layout, data, periodOption, r.file.name());
            return fileWide.isPresent()
                    ? fileWide
                    : data.periodsInColumn().stream().min(YearMonth::compareTo);
        } catch (FileRejectedException e) {
            return Optional.empty();
        }
    }

    /** Parses the staged rows with the feed's silver SQL and evaluates its rules; a broken fail rule rejects the file. */
    private Checked check(
            InputFile file,
            FeedSchema schema,
            FileLayout layout,
            RowStager.Staged staged,
            Optional<YearMonth> filePeriod,
            String loadId)
            throws FileRejectedException {
        SparkSession spark = warehouse.spark();
        FeedViews.register(warehouse, schema, pending.apply(schema.feed()));
        staged.staged(spark, schema)
                .withColumn(
                        "file_period",
                        functions
                                .lit(filePeriod.map(Periods::format).orElse(null))
                                .cast("string"))
                .createOrReplaceTempView(schema.feed() + "_staged");
        Dataset<Row> judged = RuleEngine.judge(spark, SqlFiles.load("silver", schema.feed()), schema);
        CheckedRows rows = staged.stored() == null
                ? CheckedRows.collect(judged)
                : CheckedRows.stored(
                        judged,
                        silverColumns(schema),
                        staged.bronze(
                                spark, TableDoc.load("bronze", schema.feed()).declaredSchema()),
                        LargeFileStager.scratch(warehouse, loadId) + "/judged");
        Row failed = rows.firstFailed();
        if (failed != null) {
            MessageRenderer messages = new MessageRenderer(schema, layout, warehouse.reference(), file.name());
            Row rule = rows.failures(failed).get(0);
            throw new FileRejectedException(
                    rule.getString(0), messages.render(rows.sourceRow(failed), rule) + "(整个文件未入库)");
        }
        return new Checked(schema, layout, staged, rows);
    }

    private static String[] silverColumns(FeedSchema schema) {
        return TableDoc.load("silver", schema.feed()).columns().stream()
                .map(TableDoc.Column::name)
                .toArray(String[]::new);
    }

    /** What a file's rows came to, before anything is written: the dry run stops here. */
    record Outcome(
            FileLoadResult result,
            DeliveryFold.Kept kept,
            List<LoadRecorder.QuarantinedRow> quarantined,
            List<LoadRecorder.RuleCount> ruleCounts) {}

    private Outcome evaluate(InputFile file, Checked checked, String loadId) {
        FeedSchema schema = checked.schema();
        CheckedRows rows = checked.rows();
        DeliveryFold.Kept kept = rows.kept(silverColumns(schema));
        List<Row> rejected = rows.refused();
        List<Row> warned = rows.warned();
        List<String> periods = kept.periods();
        int loaded = Math.toIntExact(kept.count());

        MessageRenderer messages = new MessageRenderer(schema, checked.layout(), warehouse.reference(), file.name());
        Map<String, LoadRecorder.RuleCount> counts = new LinkedHashMap<>();
        List<LoadRecorder.QuarantinedRow> quarantined = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Row r : rejected) {
            int rowNumber = rows.sourceRow(r);
            List<String> ruleIds = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Row v : rows.violations(r)) {
                String text = messages.render(rowNumber, v);
                ruleIds.add(v.getString(0));
                texts.add(text);
                count(counts, v.getString(0), "drop", text);
            }
            String reason = String.join(";", texts);
            if (reasons.size() < REASONS_SHOWN) {
                reasons.add(reason);
            }
            quarantined.add(new LoadRecorder.QuarantinedRow(
                    rowNumber, ruleIds, reason, new HashMap<>(r.getJavaMap(r.fieldIndex("record")))));
        }
        List<String> warnings = new ArrayList<>();
        for (Row r : warned) {
            for (Row w : rows.warnings(r)) {
                String text = messages.render(rows.sourceRow(r), w);
                count(counts, w.getString(0), "warn", text);
                if (warnings.size() < REASONS_SHOWN) {
                    warnings.add(text);
                }
            }
        }
        for (String text : TotalRowReconciler.check(
                schema,
                checked.layout(),
                checked.staged().summary(),
                checked.staged().totalRows(),
                file.name())) {
            count(counts, "total_reconciles", "warn", text);
            if (warnings.size() < REASONS_SHOWN) {
                warnings.add(text);
            }
        }
        for (String text : DeliveredRankCheck.check(
                schema, checked.layout(), checked.staged().dataRows(), rows, file.name())) {
            count(counts, DeliveredRankCheck.RULE, "warn", text);
            if (warnings.size() < REASONS_SHOWN) {
                warnings.add(text);
            }
        }
        List<String> flags = new ArrayList<>();
        if (historyChecks == null) { // a caller that set none: silver as it stands now
            historyChecks = HistoryChecks.on(warehouse);
        }
        for (String text :
                historyChecks.rateOfChange().check(schema, kept, pending.apply(schema.feed()), file.name())) {
            count(counts, RateOfChangeCheck.RULE, "flag", text);
            if (flags.size() < REASONS_SHOWN) {
                flags.add(text);
            }
        }
        List<String> replaced =
                historyChecks.replacedRows().check(schema, kept, pending.apply(schema.feed()), file.name());
        List<String> shown = new ArrayList<>(reasons);
        warnings.forEach(w -> shown.add("警告 " + w));
        flags.forEach(f -> shown.add("异动 " + f));
        replaced.forEach(r -> shown.add("替换 " + r));
        shown.addAll(checked.layout().notes());
        // a file whose rows were all refused loaded nothing: rejected, so a corrected copy is not skipped
        FileLoadResult.Status status = quarantined.isEmpty()
                ? FileLoadResult.Status.LOADED
                : loaded == 0 ? FileLoadResult.Status.REJECTED : FileLoadResult.Status.PARTIAL;
        FileLoadResult result = new FileLoadResult(
                file.name(),
                schema.feed(),
                loadId,
                status,
                periods,
                Math.toIntExact(checked.staged().stagedCount()),
                loaded,
                warned.size(),
                quarantined.size(),
                shown);
        return new Outcome(result, kept, quarantined, new ArrayList<>(counts.values()));
    }

    private FileLoadResult write(Reading reading, Timestamp started, List<String> notes) {
        InputFile file = reading.file;
        Checked checked = reading.checked;
        Outcome outcome = reading.outcome;
        FeedSchema schema = checked.schema();
        FileLoadResult result = outcome.result().withReasonsFirst(notes);
        String loadId = result.loadId();
        long t0 = System.nanoTime();
        if (!silverTablesEnsured) {
            SilverTables.ensureAll(warehouse, store);
            silverTablesEnsured = true;
        }
        writeBronze(schema, reading, file, loadId);
        afterWrite.accept("bronze");
        long t1 = System.nanoTime();
        if (result.rowsLoaded() > 0) {
            mergeSilver(
                    store,
                    schema,
                    outcome.kept().toDataset(warehouse.spark()),
                    result.periods(),
                    LoadRecorder.note(loadId, file.name(), "silver " + String.join(",", result.periods())));
            afterWrite.accept("silver");
        }
        long t2 = System.nanoTime();
        recorder.quarantine(loadId, schema.feed(), file.name(), outcome.quarantined(), started);
        recorder.qualityResults(loadId, schema.feed(), file.name(), outcome.ruleCounts(), started);
        afterWrite.accept("ops");
        recorder.log(result, file, reading.grid.format(), reading.grid.encoding(), reading.contentSha256, started);
        long t3 = System.nanoTime();
        LOG.info(
                "loaded {}: {} rows, {} quarantined; bronze {} ms, silver {} ms, ops {} ms",
                file.name(),
                result.rowsLoaded(),
                result.rowsQuarantined(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000);
        return result;
    }

    /**
     * Writes a delivery's valid rows into its silver table. A feed whose file is the whole month (projects, bonds)
     * replaces those months: its keys are unique within a month (the duplicate_row rule), so this is what a MERGE
     * on the key with the month's other rows deleted would leave, but Delta rewrites only those months' partitions
     * where a MERGE would join the whole table — the cost of a month stays flat as the years pile up. Stats merge
     * on their key and keep an amount the delivery leaves empty.
     */
    static void mergeSilver(
            TableStore store, FeedSchema schema, Dataset<Row> valid, List<String> periods, String note) {
        TableDoc doc = TableDoc.load("silver", schema.feed());
        if (schema.snapshotPerPeriod()) {
            store.replacePeriods(doc, valid, periods, note);
        } else {
            store.merge(doc, valid, schema.key(), List.of(), schema.keepLoadedWhenMissing(), note);
        }
    }

    private static void count(Map<String, LoadRecorder.RuleCount> counts, String rule, String action, String text) {
        counts.merge(
                rule,
                new LoadRecorder.RuleCount(rule, action, 1, text),
                (a, b) -> new LoadRecorder.RuleCount(rule, action, a.rows() + 1, a.example()));
    }

    private void writeBronze(FeedSchema schema, Reading r, InputFile file, String loadId) {
        if (hasBronze(r)) {
            store.append(
                    TableDoc.load("bronze", schema.feed()),
                    bronzeOf(r),
                    LoadRecorder.note(loadId, file.name(), "bronze"));
        }
    }

    /** Whether a file has any row for bronze (an empty file has none: no commit is made for it). */
    static boolean hasBronze(Reading r) {
        if (r.staged == null) {
            return !r.grid.rows().isEmpty();
        }
        return r.staged.stored() != null || !r.staged.bronzeRows().isEmpty();
    }

    /**
     * A file's rows as bronze keeps them: staged (held or stored), or — when it was rejected before its layout was
     * known — as read, kind unknown (a large file's first rows only; its raw copy keeps the rest).
     */
    Dataset<Row> bronzeOf(Reading r) {
        StructType schema = TableDoc.load("bronze", r.schema.feed()).declaredSchema();
        return r.staged != null
                ? r.staged.bronze(warehouse.spark(), schema)
                : warehouse.spark().createDataFrame(unparsedRows(r.grid, r.file, r.loadId, r.loadedAt), schema);
    }

    /** The rows of a file rejected before its layout was known: as delivered, kind unknown. */
    static List<Row> unparsedRows(Grid grid, InputFile file, String loadId, Timestamp at) {
        List<Row> rows = new ArrayList<>();
        for (Grid.Row r : grid.rows()) {
            rows.add(RowFactory.create(
                    loadId,
                    file.name(),
                    file.sha256(),
                    r.number(),
                    r.isBlank() ? "blank" : "unparsed",
                    new ArrayList<>(r.cells()),
                    null,
                    at));
        }
        return rows;
    }

    /** The delivered bytes, kept under bronze/_files/SHA256/ so nothing delivered is ever lost. */
    void keepRawCopy(InputFile file) {
        try {
            FileSystem fs = warehouse.fs();
            org.apache.hadoop.fs.Path target = rawCopy(warehouse, file.sha256(), file.name());
            if (!fs.exists(target)) {
                try (var out = fs.create(target, false);
                        var in = file.open()) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "Cannot keep a copy of " + file.name() + " in bronze: " + e.getMessage(), e);
        }
    }

    /** Where the delivered bytes of a file are kept: bronze/_files/SHA256/NAME. */
    static org.apache.hadoop.fs.Path rawCopy(Warehouse warehouse, String sha256, String name) {
        return new org.apache.hadoop.fs.Path(warehouse.root() + "/bronze/_files/" + sha256 + "/" + name);
    }
}
