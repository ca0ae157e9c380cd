package org.investlake.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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

    /** The kept rows of one delivery (or of several folded), with their columns (silver's). */
    record Kept(StructType schema, List<Row> rows) {
        /** As a Dataset that needs no Spark job to read (a local relation): a MERGE source or a preview. */
        Dataset<Row> toDataset(SparkSession spark) {
            return spark.createDataFrame(rows, schema);
        }

        /** Only the rows of {@code periods}. */
        Kept only(java.util.Collection<String> periods) {
            int period = schema.fieldIndex("period");
            return new Kept(
                    schema,
                    rows.stream()
                            .filter(r -> periods.contains(r.getString(period)))
                            .toList());
        }
    }

    /** {@code kept}, in delivery order, folded into one; the deliveries of a feed all have silver's columns. */
    static Kept fold(FeedSchema schema, List<Kept> kept) {
        if (kept.size() == 1) {
            return kept.get(0);
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
