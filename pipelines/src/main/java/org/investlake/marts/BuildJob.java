package org.investlake.marts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.investlake.storage.SqlFiles;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;

/**
 * Builds the gold marts with the SQL in sql/gold/, period by period, so that after every build each
 * mart holds exactly what a clean build over the current inputs would give: rebuilt periods replaced,
 * periods its inputs no longer have deleted. A mart's inputs are the tables its SQL reads
 * ({@code silver.*}, and {@code gold.*} for a mart built from other marts, which are built first), plus
 * the {@code sources} of its yml.
 *
 * <p>How a build decides what to recompute, per mart (recorded in {@code ops.build_log}, one row per
 * build, mart and period rebuilt or deleted):
 * <ol>
 *   <li>Fast path: when the Delta version of every input, the mart's definition (its SQL text and the
 *       reference views it reads) and the mart's own version are what the mart's last build recorded,
 *       nothing can have changed and nothing is read. Any commit to an input — a load, a RESTORE, a
 *       reprocess, a write by hand — moves its version, so it is always noticed.</li>
 *   <li>Otherwise each input is fingerprinted per period (row count and an order-free sum of the hashes
 *       of all its columns). A period is recomputed when its fingerprint differs from the one recorded
 *       when it was last built (new, changed, or gone from the inputs), together with the later periods
 *       of the same year (change against the previous period, 当月 amounts and bottom streaks depend on
 *       them). Content decides, so a restore, a reprocess or a re-delivery is attributed to exactly the
 *       periods whose rows it changed, whatever the commit notes say.</li>
 *   <li>Every period: with {@code all}, when the mart's definition changed, when the mart has no
 *       build recorded, or when the gold table itself was written since its last build (e.g. restored by
 *       hand).</li>
 *   <li>Periods the mart holds that its inputs no longer have are deleted, in the same commit as the
 *       rebuilt ones. A mart whose inputs are gone (a rolled-back load deleted them) is emptied.</li>
 * </ol>
 * {@link #periods} adds periods to recompute; it never leaves a changed one stale.
 */
public final class BuildJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildJob.class);
    /** The marts in build order; each is sql/gold/NAME.sql documented by sql/gold/NAME.yml. */
    public static final List<String> MARTS = List.of(
            "region_growth",
            "sector_growth",
            "key_project_progress",
            "bond_progress",
            "project_watchlist",
            "city_kpis",
            "region_scorecard",
            "target_outlook",
            "consistency_checks");

    private static final TableDoc BUILD_LOG = TableDoc.load("ops", "build_log");

    /** A table the mart's SQL reads; comments are stripped first, so a table a comment names is not one. */
    private static final Pattern TABLE_REF = Pattern.compile("\\b(silver|gold)\\.([a-z_][a-z0-9_]*)\\b");

    private static final Pattern REF_VIEW = Pattern.compile("\\bref_[a-z0-9_]+\\b");

    private final Warehouse warehouse;
    private final TableStore store;
    private final TableVersions versions;
    private Set<String> requested = Set.of();
    private Set<String> selected = Set.of();
    private boolean all;
    /** Per-period fingerprints of an input, by "layer.name@version": each input is read once a build. */
    private final Map<String, Map<String, String>> fingerprints = new HashMap<>();
    /** Which periods of the inputs their commits since a mart's last build touched. */
    private final InputChanges inputChanges;
    /** The rows of each reference view a mart reads, as text, once a build. */
    private final Map<String, String> referenceViews = new HashMap<>();

    private BuildJob(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.store = new TableStore(warehouse);
        this.versions = new TableVersions(warehouse);
        this.inputChanges = new InputChanges(warehouse);
    }

    public static BuildJob on(Warehouse warehouse) {
        return new BuildJob(warehouse);
    }

    /** Rebuild these periods (YYYY-MM) too, besides the changed ones. */
    public BuildJob periods(Set<String> periods) {
        this.requested = periods;
        return this;
    }

    /**
     * Build only these marts (the ones they read must exist already, or be listed too); all by default.
     */
    public BuildJob marts(String... marts) {
        for (String m : marts) {
            if (!MARTS.contains(m)) {
                throw new IllegalArgumentException("no mart gold." + m + " (marts: " + String.join(", ", MARTS) + ")");
            }
        }
        this.selected = Set.of(marts);
        return this;
    }

    /** Rebuild every period. */
    public BuildJob all(boolean all) {
        this.all = all;
        return this;
    }

    /**
     * What was built: for each mart, the periods rewritten (empty when nothing had changed) and the
     * periods deleted because its inputs no longer have them.
     */
    public record Result(Map<String, List<String>> periodsByMart, Map<String, List<String>> deletedByMart) {
        /** True when the build neither rewrote nor deleted anything. */
        public boolean nothingBuilt() {
            return periodsByMart.values().stream().allMatch(List::isEmpty)
                    && deletedByMart.values().stream().allMatch(List::isEmpty);
        }
    }

    /**
     * What the mart's last build recorded; {@code fingerprints} holds the latest one of each period, {@code held}
     * the periods whose latest build wrote rows (not deleted since): what the mart holds while its table is at
     * {@code outputVersion}.
     */
    private record Recorded(
            String sourceVersions,
            String definition,
            long outputVersion,
            Map<String, String> fingerprints,
            Set<String> held) {}

    /** Builds under the warehouse lock, taken here for every caller; reentrant inside a command that holds it. */
    public Result execute() {
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse, "build")) {
            return executeLocked();
        }
    }

    private Result executeLocked() {
        SparkSession spark = warehouse.spark();
        String buildId = "B" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Timestamp now = new Timestamp(System.currentTimeMillis());
        Map<String, List<String>> built = new LinkedHashMap<>();
        Map<String, List<String>> deleted = new LinkedHashMap<>();
        WriteTransaction tx = WriteTransaction.begin(warehouse, "build_id=" + buildId);
        store.within(tx);
        try {
            return tx.run(() -> {
                List<Row> log = new ArrayList<>();
                Map<String, Recorded> lastBuilds = lastBuilds();
                for (String mart : MARTS) {
                    long started = System.nanoTime();
                    built.put(mart, List.of());
                    deleted.put(mart, List.of());
                    if (!selected.isEmpty() && !selected.contains(mart)) {
                        continue;
                    }
                    TableDoc doc = TableDoc.load("gold", mart);
                    String sql = SqlFiles.load("gold", mart);
                    List<String> inputs = inputs(mart, doc, sql);
                    boolean inputsExist = inputs.stream().allMatch(this::exists);
                    if (!inputsExist && !warehouse.exists("gold", mart)) {
                        continue;
                    }
                    String definition = definition(sql);
                    Recorded last = lastBuilds.get(mart);
                    // the mart's SQL, analysed once (analysis resolves every input's Delta snapshot), and only
                    // when needed: an unchanged definition has no new columns to add
                    Dataset<Row> query = null;
                    boolean created = !warehouse.exists("gold", mart);
                    if (created) {
                        // created even when empty, so the marts built from it can always read it
                        query = spark.sql(sql);
                        store.ensure(doc, query.schema());
                    } else if (inputsExist
                            && (last == null || !last.definition().equals(definition))) {
                        // a mart whose SQL gained columns: added here, then filled by the full rebuild
                        // its changed definition triggers (a write would otherwise drop them)
                        query = spark.sql(sql);
                        store.addMissingColumns(
                                doc, query.schema(), "build_id=" + buildId + "; gold " + mart + " new columns");
                    }
                    Map<String, Long> inputVersions = versions.snapshot(inputs);
                    String sourceVersions = inputVersions.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(","));
                    long martVersion = versions.current("gold", mart);
                    boolean inputsUnchanged = last != null
                            && last.sourceVersions().equals(sourceVersions)
                            && last.definition().equals(definition)
                            && last.outputVersion() == martVersion;
                    if (inputsExist && inputsUnchanged && !all && requested.isEmpty()) {
                        continue;
                    }

                    Map<String, String> current = inputsExist
                            ? currentFingerprints(inputs, inputVersions, last, definition, martVersion)
                            : Map.of();
                    // the table as the last build left it holds what that build's log says; one created just now
                    // holds nothing (reading an empty version back cost a fifth of a first build); else read it
                    Set<String> held = created
                            ? Set.of()
                            : last != null && last.outputVersion() == martVersion
                                    ? last.held()
                                    : periodsOf(doc.qualifiedName());
                    Map<String, String> reasons = new TreeMap<>();
                    if (all) {
                        current.keySet().forEach(p -> reasons.put(p, "--all"));
                    } else if (last == null) {
                        current.keySet().forEach(p -> reasons.put(p, "no earlier build"));
                    } else if (!last.definition().equals(definition)) {
                        current.keySet().forEach(p -> reasons.put(p, "SQL or reference data changed"));
                    } else if (last.outputVersion() != martVersion) {
                        current.keySet().forEach(p -> reasons.put(p, "gold table written outside build"));
                    } else {
                        Set<String> known = new TreeSet<>(current.keySet());
                        known.addAll(last.fingerprints().keySet());
                        for (String p : known) {
                            if (!Objects.equals(
                                    current.get(p), last.fingerprints().get(p))) {
                                reasons.put(p, current.containsKey(p) ? "inputs changed" : "gone from inputs");
                            }
                        }
                    }
                    requested.forEach(p -> reasons.putIfAbsent(p, "requested"));
                    // a period depends on the one before (change, 当月, streaks): later periods of its year follow;
                    // a mart that reads last year's figures (reads_previous_year: the outlook's seasonal shape) is
                    // rebuilt for the whole year after one whose inputs changed — last year delivered late, or
                    // restated, must not leave this year's figures as they were without it
                    for (String p : List.copyOf(reasons.keySet())) {
                        String year = p.substring(0, 4);
                        current.keySet().stream()
                                .filter(q -> q.substring(0, 4).equals(year) && q.compareTo(p) > 0)
                                .forEach(q -> reasons.putIfAbsent(q, "follows " + p));
                        if (doc.readsPreviousYear()) {
                            String next = String.valueOf(Integer.parseInt(year) + 1);
                            current.keySet().stream()
                                    .filter(q -> q.startsWith(next))
                                    .forEach(q -> reasons.putIfAbsent(q, "follows last year's " + p));
                        }
                    }
                    Set<String> rebuild = new TreeSet<>(reasons.keySet());
                    rebuild.retainAll(current.keySet());
                    Set<String> gone = new TreeSet<>(held);
                    gone.removeAll(current.keySet());
                    if (rebuild.isEmpty() && gone.isEmpty()) {
                        LOG.info("build: gold.{} unchanged, checked in {} ms", mart, ms(started));
                        continue;
                    }
                    long written = System.nanoTime();

                    Set<String> replaced = new TreeSet<>(rebuild);
                    replaced.addAll(gone);
                    spark.sparkContext().setJobGroup(buildId, "gold " + mart + " " + String.join(",", replaced), false);
                    RowsPerPeriod counted = new RowsPerPeriod(buildId + " " + mart, rebuild);
                    Dataset<Row> rows = rebuild.isEmpty()
                            ? spark.createDataFrame(
                                    List.<Row>of(),
                                    spark.table(doc.qualifiedName()).schema())
                            : counted.observe((query != null ? query : spark.sql(sql))
                                    .where(functions.col("period").isin(rebuild.toArray())));
                    // one commit rewrites the changed periods and deletes the vanished ones
                    store.replacePeriods(doc, rows, replaced, "build_id=" + buildId + "; gold " + mart);
                    long outputVersion = versions.current("gold", mart);
                    Map<String, Long> counts =
                            counted.written().orElseGet(() -> rowsPerPeriod(doc.qualifiedName(), rebuild));
                    for (String p : rebuild) {
                        log.add(RowFactory.create(
                                buildId,
                                mart,
                                p,
                                "built",
                                reasons.get(p),
                                counts.getOrDefault(p, 0L).intValue(),
                                current.get(p),
                                sourceVersions,
                                definition,
                                outputVersion,
                                now));
                    }
                    for (String p : gone) {
                        log.add(RowFactory.create(
                                buildId,
                                mart,
                                p,
                                "deleted",
                                inputsExist ? "gone from inputs" : "inputs missing",
                                0,
                                null,
                                sourceVersions,
                                definition,
                                outputVersion,
                                now));
                    }
                    built.put(mart, new ArrayList<>(rebuild));
                    deleted.put(mart, new ArrayList<>(gone));
                    LOG.info(
                            "build: gold.{} {} period(s) in {} ms (checking inputs {} ms)",
                            mart,
                            replaced.size(),
                            ms(started),
                            (written - started) / 1_000_000);
                    spark.sparkContext().clearJobGroup();
                }
                if (!log.isEmpty()) {
                    appendLog(log, buildId);
                }
                return new Result(built, deleted);
            });
        } finally {
            store.within(null);
        }
    }

    /**
     * The tables the mart reads: its yml's sources and every silver or gold table its SQL names, in
     * that order. A gold input must come earlier in {@link #MARTS}, so it is up to date when read.
     */
    /**
     * The marts built, directly or through another mart, from {@code table} (e.g. silver.stats →
     * region_growth, …, region_scorecard): what a change to it reaches, in build order.
     */
    public static List<String> martsReading(String table) {
        Set<String> reached = new java.util.LinkedHashSet<>(List.of(table));
        List<String> out = new ArrayList<>();
        for (String mart : MARTS) { // build order: a mart's gold inputs come before it
            TableDoc doc = TableDoc.load("gold", mart);
            if (inputs(mart, doc, SqlFiles.load("gold", mart)).stream().anyMatch(reached::contains)) {
                reached.add(doc.qualifiedName());
                out.add(mart);
            }
        }
        return out;
    }

    static List<String> inputs(String mart, TableDoc doc, String sql) {
        Set<String> out = new java.util.LinkedHashSet<>(doc.sources());
        Matcher m = TABLE_REF.matcher(withoutComments(sql).toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            out.add(m.group(1) + "." + m.group(2));
        }
        for (String q : out) {
            if (q.startsWith("gold.") && MARTS.indexOf(q.substring(5)) >= MARTS.indexOf(mart)) {
                throw new IllegalStateException(
                        "gold." + mart + " reads " + q + ", which BuildJob.MARTS builds after it");
            }
        }
        return List.copyOf(out);
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    private boolean exists(String qualified) {
        String[] p = qualified.split("\\.", 2);
        return warehouse.exists(p[0], p[1]);
    }

    /**
     * Each period of the inputs → its fingerprint ({@link #fingerprint}). When the mart's last build stands (same
     * definition, its own table untouched) and the inputs' logs say which periods their commits since then touched
     * ({@link InputChanges}), only those are fingerprinted and the others keep the fingerprint the log recorded:
     * their rows are the ones it was taken from.
     */
    private Map<String, String> currentFingerprints(
            List<String> inputs, Map<String, Long> inputVersions, Recorded last, String definition, long martVersion) {
        if (all || last == null || !last.definition().equals(definition) || last.outputVersion() != martVersion) {
            return fingerprint(inputs, inputVersions, null);
        }
        Optional<Set<String>> touched = inputChanges.since(last.sourceVersions(), inputVersions);
        if (touched.isEmpty()) {
            return fingerprint(inputs, inputVersions, null);
        }
        Map<String, String> current = new TreeMap<>(last.fingerprints());
        current.keySet().removeAll(touched.get());
        if (!touched.get().isEmpty()) {
            current.putAll(fingerprint(inputs, inputVersions, touched.get()));
        }
        return current;
    }

    /**
     * Each period of the inputs (a period any of them has; of {@code only} when not null) → a fingerprint of their
     * rows in it: per input, the row count and the sum of a 64-bit hash of each row's every column (order-free,
     * {@link #rowHash}), then SHA-256 of them all, shortened.
     */
    private Map<String, String> fingerprint(List<String> inputs, Map<String, Long> inputVersions, Set<String> only) {
        Map<String, StringBuilder> parts = new TreeMap<>();
        for (String input : inputs) {
            Map<String, String> perPeriod = fingerprints.computeIfAbsent(
                    input + "@" + inputVersions.get(input) + (only == null ? "" : "@" + only),
                    k -> fingerprintOf(input, only));
            perPeriod.forEach((period, fp) -> parts.computeIfAbsent(period, p -> new StringBuilder())
                    .append(input)
                    .append(':')
                    .append(fp)
                    .append(';'));
        }
        Map<String, String> out = new TreeMap<>();
        parts.forEach((period, s) -> out.put(period, sha256(s.toString()).substring(0, 16)));
        return out;
    }

    private Map<String, String> fingerprintOf(String table, Set<String> only) {
        Dataset<Row> t = warehouse.spark().table(table);
        if (only != null) {
            t = t.where(functions.col("period").isin(only.toArray())); // a partition filter where it is one
        }
        Map<String, String> out = new TreeMap<>();
        for (Row r : t.groupBy("period")
                .agg(
                        functions.count(functions.lit(1)),
                        functions.sum(rowHash(t.schema()).cast("decimal(38,0)")))
                .collectAsList()) {
            out.put(r.getString(0), r.getLong(1) + "/" + r.get(2));
        }
        return out;
    }

    /**
     * A 64-bit hash of a row's every column with nulls told apart: Spark's hash skips a null, so each column is
     * hashed beside whether it is null — else (x, null) and (null, x) would hash alike — and a nested column (array,
     * map, struct), whose hash skips null elements too, as its JSON. Hashing the typed values, not the whole row's
     * JSON as before, took the fingerprint of a nation's year of projects (12 million rows) from 59 s to 19 s
     * (docs/performance.md, item 30).
     */
    static Column rowHash(StructType schema) {
        List<Column> parts = new ArrayList<>();
        for (StructField f : schema.fields()) {
            Column c = functions.col(f.name());
            boolean nested = f.dataType() instanceof org.apache.spark.sql.types.ArrayType
                    || f.dataType() instanceof org.apache.spark.sql.types.MapType
                    || f.dataType() instanceof StructType;
            parts.add(nested ? functions.to_json(functions.struct(c)) : c);
            parts.add(c.isNull());
        }
        return functions.xxhash64(parts.toArray(Column[]::new));
    }

    /** The mart's SQL and the content of the reference views it reads: a corrected rule rebuilds it. */
    private String definition(String sql) {
        StringBuilder s = new StringBuilder(sql);
        Matcher m = REF_VIEW.matcher(withoutComments(sql));
        Set<String> views = new TreeSet<>();
        while (m.find()) {
            views.add(m.group());
        }
        for (String view : views) {
            // the views are small local relations (ReferenceViews): collected without a Spark job
            s.append('\n')
                    .append(view)
                    .append(':')
                    .append(referenceViews.computeIfAbsent(
                            view,
                            v -> warehouse.spark().table(v).collectAsList().stream()
                                    .map(Row::toString)
                                    .sorted()
                                    .collect(Collectors.joining("|"))));
        }
        return sha256(s.toString()).substring(0, 16);
    }

    private Set<String> periodsOf(String table) {
        Set<String> out = new TreeSet<>();
        for (Row r : warehouse.spark().table(table).select("period").distinct().collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    private Map<String, Long> rowsPerPeriod(String table, Set<String> periods) {
        if (periods.isEmpty()) {
            return Map.of();
        }
        return warehouse
                .spark()
                .table(table)
                .where(functions.col("period").isin(periods.toArray()))
                .groupBy("period")
                .count()
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    }

    /**
     * Each mart's last build as ops.build_log records it: the source versions, definition and output
     * version of its latest build, and the latest fingerprint of each period (none for a deleted one).
     * A mart without a build, or whose latest rows predate the recorded versions, has none. The log is
     * read once (one small row per build, mart and period).
     */
    private Map<String, Recorded> lastBuilds() {
        Map<String, Recorded> out = new HashMap<>();
        if (!warehouse.exists("ops", "build_log")) {
            return out;
        }
        Dataset<Row> log = warehouse.spark().table("ops.build_log");
        List<String> have = List.of(log.columns());
        if (!have.containsAll(List.of("source_versions", "definition", "output_version", "input_fingerprint"))) {
            return out;
        }
        Map<String, Row> latest = new HashMap<>();
        Map<String, Map<String, String>> byPeriod = new HashMap<>();
        Map<String, Set<String>> held = new HashMap<>();
        // oldest first, so a later row of a mart or period replaces an earlier one
        for (Row r : log.select(
                        "mart",
                        "period",
                        "build_id",
                        "input_fingerprint",
                        "source_versions",
                        "definition",
                        "output_version",
                        "action",
                        "rows")
                .orderBy("build_id")
                .collectAsList()) {
            latest.put(r.getString(0), r);
            byPeriod.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getString(3));
            Set<String> martHolds = held.computeIfAbsent(r.getString(0), k -> new TreeSet<>());
            if ("built".equals(r.getString(7)) && !r.isNullAt(8) && r.getInt(8) > 0) {
                martHolds.add(r.getString(1));
            } else {
                martHolds.remove(r.getString(1)); // deleted, or rebuilt empty
            }
        }
        latest.forEach((mart, r) -> {
            if (!r.isNullAt(4) && !r.isNullAt(5) && !r.isNullAt(6)) {
                Map<String, String> fps = new TreeMap<>(byPeriod.get(mart));
                fps.values().removeIf(Objects::isNull);
                out.put(mart, new Recorded(r.getString(4), r.getString(5), r.getLong(6), fps, held.get(mart)));
            }
        });
        return out;
    }

    /**
     * One commit for the whole build. A log written before the recorded versions existed gets the new
     * columns added (its old rows have none, so every mart is rebuilt once) and its retired columns
     * left empty.
     */
    private void appendLog(List<Row> log, String buildId) {
        SparkSession spark = warehouse.spark();
        StructType declared = BUILD_LOG.declaredSchema();
        Dataset<Row> rows = spark.createDataFrame(log, declared);
        if (warehouse.exists("ops", "build_log")) {
            store.ensure(BUILD_LOG, declared); // records the version first, so a rollback undoes the ALTER
            StructType existing = spark.table(BUILD_LOG.qualifiedName()).schema();
            List<String> have = List.of(existing.fieldNames());
            List<String> missing = new ArrayList<>();
            for (StructField f : declared.fields()) {
                if (!have.contains(f.name())) {
                    missing.add(f.toDDL());
                }
            }
            if (!missing.isEmpty()) {
                spark.sql("ALTER TABLE " + BUILD_LOG.qualifiedName() + " ADD COLUMNS (" + String.join(", ", missing)
                        + ")");
            }
            for (StructField f : existing.fields()) {
                if (!List.of(declared.fieldNames()).contains(f.name())) {
                    rows = rows.withColumn(f.name(), functions.lit(null).cast(f.dataType()));
                }
            }
        }
        store.append(BUILD_LOG, rows, "build_id=" + buildId);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
