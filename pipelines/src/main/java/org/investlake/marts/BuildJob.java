package org.investlake.marts;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.investlake.storage.SqlFiles;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;

/**
 * Builds the gold marts from silver with the SQL in sql/gold/, period by period. By default only the
 * periods whose silver inputs changed since they were last built are recomputed, together with the
 * later periods of the same year (whose change against the previous period depends on them).
 */
public final class BuildJob {
    /** The marts in build order; each is sql/gold/NAME.sql documented by sql/gold/NAME.yml. */
    public static final List<String> MARTS = List.of(
            "region_growth",
            "sector_growth",
            "key_project_progress",
            "bond_progress",
            "project_watchlist",
            "city_kpis",
            "region_scorecard");

    private static final TableDoc BUILD_LOG = TableDoc.load("ops", "build_log");

    private final Warehouse warehouse;
    private final TableStore store;
    private Set<String> requested = Set.of();
    private Set<String> selected = Set.of();
    private boolean all;

    private BuildJob(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.store = new TableStore(warehouse);
    }

    public static BuildJob on(Warehouse warehouse) {
        return new BuildJob(warehouse);
    }

    /** Rebuild exactly these periods (YYYY-MM) instead of the changed ones. */
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

    /** What was built: for each mart, the periods rewritten (empty when nothing had changed). */
    public record Result(Map<String, List<String>> periodsByMart) {
        public boolean nothingBuilt() {
            return periodsByMart.values().stream().allMatch(List::isEmpty);
        }
    }

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
        WriteTransaction tx = WriteTransaction.begin(warehouse, "build_id=" + buildId);
        store.within(tx);
        try {
            return tx.run(() -> {
                List<Row> log = new ArrayList<>();
                for (String mart : MARTS) {
                    if (!selected.isEmpty() && !selected.contains(mart)) {
                        continue;
                    }
                    TableDoc doc = TableDoc.load("gold", mart);
                    Map<String, Timestamp> sourceTimes = sourceTimes(doc);
                    if (!sourcesExist(doc)) {
                        built.put(mart, List.of());
                        continue;
                    }
                    if (!warehouse.exists("gold", mart)) {
                        // created even when empty, so the marts built from it can always read it
                        store.ensure(doc, spark.sql(SqlFiles.load("gold", mart)).schema());
                    }
                    Set<String> periods = periodsToBuild(mart, sourceTimes);
                    if (periods.isEmpty()) {
                        built.put(mart, List.of());
                        continue;
                    }
                    spark.sparkContext().setJobGroup(buildId, "gold " + mart + " " + String.join(",", periods), false);
                    Dataset<Row> rows = spark.sql(SqlFiles.load("gold", mart))
                            .where(functions.col("period").isin(periods.toArray()));
                    store.replacePeriods(doc, rows, periods, "build_id=" + buildId + "; gold " + mart);
                    Map<String, Long> counts = spark
                            .table(doc.qualifiedName())
                            .where(functions.col("period").isin(periods.toArray()))
                            .groupBy("period")
                            .count()
                            .collectAsList()
                            .stream()
                            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
                    for (String p : periods) {
                        log.add(RowFactory.create(
                                buildId, mart, p, counts.getOrDefault(p, 0L).intValue(), sourceTimes.get(p), now));
                    }
                    built.put(mart, new ArrayList<>(periods));
                    spark.sparkContext().clearJobGroup();
                }
                if (!log.isEmpty()) {
                    // one commit for the whole build: what every mart was rebuilt from
                    store.append(
                            BUILD_LOG, spark.createDataFrame(log, BUILD_LOG.declaredSchema()), "build_id=" + buildId);
                }
                return new Result(built);
            });
        } finally {
            store.within(null);
        }
    }

    private boolean sourcesExist(TableDoc doc) {
        return doc.sources().stream().allMatch(s -> warehouse.exists(s.split("\\.")[0], s.split("\\.")[1]));
    }

    /** Latest load time of the mart's inputs, per period. */
    private Map<String, Timestamp> sourceTimes(TableDoc doc) {
        Map<String, Timestamp> out = new TreeMap<>();
        for (String source : doc.sources()) {
            String[] parts = source.split("\\.");
            if (!warehouse.exists(parts[0], parts[1])) {
                continue;
            }
            for (Row r : warehouse
                    .spark()
                    .table(source)
                    .groupBy("period")
                    .agg(functions.max("loaded_at"))
                    .collectAsList()) {
                out.merge(r.getString(0), r.getTimestamp(1), (a, b) -> a.after(b) ? a : b);
            }
        }
        return out;
    }

    private Set<String> periodsToBuild(String mart, Map<String, Timestamp> sourceTimes) {
        if (all) {
            return new TreeSet<>(sourceTimes.keySet());
        }
        Set<String> changed = new TreeSet<>();
        if (!requested.isEmpty()) {
            changed.addAll(requested);
        } else {
            Map<String, Timestamp> builtFrom = lastBuilt(mart);
            sourceTimes.forEach((period, loadedAt) -> {
                Timestamp b = builtFrom.get(period);
                if (b == null || loadedAt.after(b) || !warehouse.exists("gold", mart)) {
                    changed.add(period);
                }
            });
        }
        // a period's change_pp depends on the period before: later periods of the same year follow
        Set<String> out = new TreeSet<>(changed);
        for (String p : changed) {
            sourceTimes.keySet().stream()
                    .filter(q -> q.substring(0, 4).equals(p.substring(0, 4)) && q.compareTo(p) > 0)
                    .forEach(out::add);
        }
        out.retainAll(sourceTimes.keySet());
        return out;
    }

    private Map<String, Timestamp> lastBuilt(String mart) {
        Map<String, Timestamp> out = new TreeMap<>();
        if (!warehouse.exists("ops", "build_log")) {
            return out;
        }
        for (Row r : warehouse
                .spark()
                .table("ops.build_log")
                .where(functions.col("mart").equalTo(mart))
                .groupBy("period")
                .agg(functions.max("source_loaded_at"))
                .collectAsList()) {
            out.put(r.getString(0), r.getTimestamp(1));
        }
        return out;
    }
}
