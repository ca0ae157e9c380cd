package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
                Dataset<Row> pending = folded.toDataset(spark);
                history = (silver == null ? pending : overlay(schema, silver, pending)).select(shown);
            }
            history.createOrReplaceTempView(schema.feed() + "_history");
        }
    }

    /**
     * Silver as it will be once {@code pending} (the batch's earlier deliveries, already folded) is merged, as
     * {@link LoadJob#mergeSilver} merges: a snapshot feed's pending months replace silver's; otherwise a pending
     * row replaces silver's row of its key, and a feed that keeps loaded values keeps silver's value where the
     * pending row has none.
     */
    private static Dataset<Row> overlay(FeedSchema schema, Dataset<Row> silver, Dataset<Row> pending) {
        if (schema.snapshotPerPeriod()) {
            return silver.join(pending.select("period").distinct(), new String[] {"period"}, "left_anti")
                    .unionByName(pending);
        }
        String[] key = schema.key().toArray(String[]::new);
        if (!schema.keepLoadedWhenMissing()) {
            return silver.join(pending.selectExpr(key), key, "left_anti").unionByName(pending);
        }
        List<Column> columns = new ArrayList<>();
        for (String c : pending.columns()) {
            // a join on the key columns gives each key once (the pending side's or silver's)
            columns.add(
                    schema.key().contains(c)
                            ? functions.col(c)
                            : functions.coalesce(pending.col(c), silver.col(c)).as(c));
        }
        return silver.join(pending, key, "full_outer").select(columns.toArray(Column[]::new));
    }
}
