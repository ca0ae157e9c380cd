package org.investlake.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;

/**
 * The kept rows of several deliveries of one feed, in delivery order, folded into the rows that merging them into
 * silver one after another would leave: a snapshot feed (projects, bonds) keeps, for each period, the rows of the
 * last delivery that has it; another feed keeps per key the rows of the last delivery that has the key, and a feed
 * that keeps loaded values (stats) gives each column the latest value a delivery did not leave empty — as the MERGE
 * of one delivery does against silver. Done on the driver: the deliveries are already there ({@link CheckedRows}).
 */
final class DeliveryFold {
    private DeliveryFold() {}

    /**
     * The kept rows of one delivery (or of several folded), with their columns (silver's): held in {@code rows},
     * or — for a file too large to hold — {@code stored} as a Dataset over the load's scratch Parquet, with its
     * row count per period ({@code perPeriod}) known from one aggregate query.
     */
    record Kept(StructType schema, List<Row> rows, Dataset<Row> stored, Map<String, Long> perPeriod) {
        Kept(StructType schema, List<Row> rows) {
            this(schema, rows, null, null);
        }

        static Kept stored(Dataset<Row> rows, Map<String, Long> perPeriod) {
            return new Kept(rows.schema(), List.of(), rows, perPeriod);
        }

        /** As a Dataset: held rows as a local relation (no Spark job to read them), else the stored rows. */
        Dataset<Row> toDataset(SparkSession spark) {
            return stored != null ? stored : spark.createDataFrame(rows, schema);
        }

        /** Only the rows of {@code periods}. */
        Kept only(java.util.Collection<String> periods) {
            if (stored != null) {
                Map<String, Long> of = new HashMap<>();
                perPeriod.forEach((p, n) -> {
                    if (periods.contains(p)) {
                        of.put(p, n);
                    }
                });
                return new Kept(
                        schema, List.of(), stored.where(functions.col("period").isin(periods.toArray())), of);
            }
            int period = schema.fieldIndex("period");
            return new Kept(
                    schema,
                    rows.stream()
                            .filter(r -> periods.contains(r.getString(period)))
                            .toList());
        }

        /** The periods of the rows, sorted (an empty period first). */
        List<String> periods() {
            if (stored != null) {
                return perPeriod.keySet().stream()
                        .sorted(Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                        .toList();
            }
            return CheckedRows.distinct(rows, schema, "period");
        }

        long count() {
            return stored != null
                    ? perPeriod.values().stream().mapToLong(Long::longValue).sum()
                    : rows.size();
        }
    }

    /** {@code kept}, in delivery order, folded into one; the deliveries of a feed all have silver's columns. */
    static Kept fold(FeedSchema schema, List<Kept> kept) {
        if (kept.size() == 1) {
            return kept.get(0);
        }
        if (kept.stream().anyMatch(k -> k.stored() != null)) {
            return foldStored(schema, kept);
        }
        StructType columns = kept.get(0).schema();
        return new Kept(
                columns, fold(schema, columns, kept.stream().map(Kept::rows).toList()));
    }

    private static List<Row> fold(FeedSchema schema, StructType columns, List<List<Row>> deliveries) {
        if (schema.snapshotPerPeriod()) {
            int period = columns.fieldIndex("period");
            Map<Object, Integer> last = new HashMap<>();
            for (int seq = 0; seq < deliveries.size(); seq++) {
                for (Row r : deliveries.get(seq)) {
                    last.put(r.get(period), seq);
                }
            }
            return keep(deliveries, (r, seq) -> last.get(r.get(period)) == seq);
        }
        int[] key = schema.key().stream().mapToInt(columns::fieldIndex).toArray();
        Map<List<Object>, Integer> last = new HashMap<>();
        for (int seq = 0; seq < deliveries.size(); seq++) {
            for (Row r : deliveries.get(seq)) {
                last.put(keyOf(r, key), seq);
            }
        }
        if (!schema.keepLoadedWhenMissing()) {
            return keep(deliveries, (r, seq) -> last.get(keyOf(r, key)) == seq);
        }
        Map<List<Object>, Object[]> latest = new LinkedHashMap<>();
        Map<List<Object>, Integer> copies = new HashMap<>();
        for (int seq = 0; seq < deliveries.size(); seq++) {
            for (Row r : deliveries.get(seq)) {
                List<Object> k = keyOf(r, key);
                Object[] values = latest.computeIfAbsent(k, x -> new Object[r.size()]);
                for (int c = 0; c < r.size(); c++) {
                    if (!r.isNullAt(c)) {
                        values[c] = r.get(c);
                    }
                }
                if (last.get(k) == seq) {
                    copies.merge(k, 1, Integer::sum);
                }
            }
        }
        List<Row> out = new ArrayList<>();
        latest.forEach((k, values) -> {
            for (int i = 0; i < copies.get(k); i++) {
                out.add(RowFactory.create(values.clone()));
            }
        });
        return out;
    }

    /**
     * The fold when a delivery is stored rather than held: only a snapshot feed's files are ever stored (see
     * {@link LoadJob#parse}), and for those the fold is decided by periods alone — each delivery keeps the periods
     * no later delivery has — so the rows stay where they are and only filters are added.
     */
    private static Kept foldStored(FeedSchema schema, List<Kept> kept) {
        if (!schema.snapshotPerPeriod()) {
            throw new IllegalStateException("only the files of a snapshot feed are staged without being held");
        }
        SparkSession spark = kept.stream()
                .filter(k -> k.stored() != null)
                .findFirst()
                .orElseThrow()
                .stored()
                .sparkSession();
        java.util.Set<String> later = new java.util.HashSet<>();
        java.util.Deque<Kept> parts = new java.util.ArrayDeque<>();
        for (int seq = kept.size() - 1; seq >= 0; seq--) {
            Kept k = kept.get(seq);
            List<String> own =
                    k.periods().stream().filter(p -> !later.contains(p)).toList();
            if (!own.isEmpty()) {
                parts.addFirst(own.size() == k.periods().size() ? k : k.only(own));
            }
            later.addAll(k.periods());
        }
        Dataset<Row> union = null;
        Map<String, Long> perPeriod = new HashMap<>();
        for (Kept k : parts) {
            Dataset<Row> d = k.toDataset(spark);
            union = union == null ? d : union.unionByName(d);
            for (String p : k.periods()) {
                perPeriod.merge(p, k.stored() != null ? k.perPeriod().get(p) : periodCount(k, p), Long::sum);
            }
        }
        return Kept.stored(union, perPeriod);
    }

    private static long periodCount(Kept held, String period) {
        int at = held.schema().fieldIndex("period");
        return held.rows().stream()
                .filter(r -> java.util.Objects.equals(
                        r.isNullAt(at) ? null : r.get(at).toString(), period))
                .count();
    }

    private static List<Row> keep(List<List<Row>> deliveries, BiPredicate<Row, Integer> keep) {
        List<Row> out = new ArrayList<>();
        for (int seq = 0; seq < deliveries.size(); seq++) {
            for (Row r : deliveries.get(seq)) {
                if (keep.test(r, seq)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static List<Object> keyOf(Row r, int[] key) {
        List<Object> k = new ArrayList<>(key.length);
        for (int i : key) {
            k.add(r.get(i));
        }
        return k;
    }
}
