package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.investlake.reference.Labels;
import org.investlake.storage.Warehouse;

/**
 * The views a feed's silver SQL reads besides its staged rows: {@code FEED_values} (the controlled
 * vocabularies of its contract: column, label as written, standard value) and {@code FEED_history}
 * (what silver already holds, for rules that compare a month with the month before — in a batch, with the kept rows
 * of the batch's earlier files folded in as their MERGE will put them, see {@link DeliveryFold}).
 */
final class FeedViews {
    private FeedViews() {}

    static void register(Warehouse warehouse, FeedSchema schema) {
        register(warehouse, schema, List.of());
    }

    /** {@code earlier}: the kept rows of the batch's files of this feed checked before, not yet in silver. */
    static void register(Warehouse warehouse, FeedSchema schema, List<DeliveryFold.Kept> earlier) {
        SparkSession spark = warehouse.spark();
        List<Row> values = new ArrayList<>();
        for (FeedSchema.ColumnSpec c : schema.columns()) {
            if (c.values() == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> e : c.values().entrySet()) {
                values.add(RowFactory.create(c.name(), Labels.rowLabel(e.getKey()), e.getKey()));
                for (String alias : e.getValue()) {
                    values.add(RowFactory.create(c.name(), Labels.rowLabel(alias), e.getKey()));
                }
            }
        }
        spark.createDataFrame(values, StructType.fromDDL("column STRING, label STRING, value STRING"))
                .createOrReplaceTempView(schema.feed() + "_values");

        if (schema.historyColumns() != null && !schema.historyColumns().isEmpty()) {
            StringBuilder ddl = new StringBuilder();
            schema.historyColumns()
                    .forEach((name, type) -> ddl.append(ddl.length() == 0 ? "" : ", ")
                            .append(name)
                            .append(' ')
                            .append(type));
            StructType historySchema = StructType.fromDDL(ddl.toString());
            Column[] shown = schema.historyColumns().keySet().stream()
                    .map(functions::col)
                    .toArray(Column[]::new);
            Dataset<Row> silver =
                    warehouse.exists("silver", schema.feed()) ? spark.table("silver." + schema.feed()) : null;
            Dataset<Row> history;
            if (earlier.isEmpty()) {
                history = silver == null ? spark.createDataFrame(List.of(), historySchema) : silver.select(shown);
            } else {
                DeliveryFold.Kept folded = DeliveryFold.fold(schema, earlier);
                Dataset<Row> pending = spark.createDataFrame(folded.rows(), folded.schema());
                history = (silver == null ? pending : overlay(schema, silver, pending)).select(shown);
            }
            history.createOrReplaceTempView(schema.feed() + "_history");
        }
    }

    /**
     * Silver as it will be once {@code pending} (folded deliveries not yet written) is merged: the same rules as
     * {@link DeliveryFold}, in Spark because silver stays where it is.
     */
    private static Dataset<Row> overlay(FeedSchema schema, Dataset<Row> silver, Dataset<Row> pending) {
        Dataset<Row> all = silver.withColumn("_seq", functions.lit(0))
                .unionByName(pending.withColumn("_seq", functions.lit(1)), true);
        String[] columns = java.util.Arrays.stream(all.columns())
                .filter(c -> !c.equals("_seq"))
                .toArray(String[]::new);
        if (schema.snapshotPerPeriod()) {
            // a month is replaced by the last file that delivered it
            return all.withColumn("_last", functions.max("_seq").over(Window.partitionBy("period")))
                    .where("_seq = _last")
                    .drop("_seq", "_last");
        }
        Column[] keys = schema.key().stream().map(functions::col).toArray(Column[]::new);
        WindowSpec byKey = Window.partitionBy(keys);
        if (!schema.keepLoadedWhenMissing()) {
            return all.withColumn("_last", functions.max("_seq").over(byKey))
                    .where("_seq = _last")
                    .drop("_seq", "_last");
        }
        // each column takes the latest value a delivery gave it; an empty one keeps the earlier value
        WindowSpec whole = byKey.orderBy("_seq").rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        List<Column> folded = new ArrayList<>();
        for (String c : columns) {
            folded.add(functions.last(functions.col(c), true).over(whole).as(c));
        }
        folded.add(functions.col("_seq"));
        folded.add(functions.max("_seq").over(byKey).as("_last"));
        return all.select(folded.toArray(Column[]::new)).where("_seq = _last").drop("_seq", "_last");
    }
}
