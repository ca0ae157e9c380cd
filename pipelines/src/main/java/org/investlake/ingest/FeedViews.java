package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.investlake.reference.Labels;
import org.investlake.storage.Warehouse;

/**
 * The views a feed's silver SQL reads besides its staged rows: {@code FEED_values} (the controlled
 * vocabularies of its contract: column, label as written, standard value) and {@code FEED_history}
 * (what silver already holds, for rules that compare a month with the month before — in a batch, with the rows
 * of the batch's earlier files folded in as their MERGE will put them, see {@link LoadBatch#fold}).
 */
final class FeedViews {
    private FeedViews() {}

    static void register(Warehouse warehouse, FeedSchema schema) {
        register(warehouse, schema, List.of());
    }

    /** {@code earlier}: the valid rows of the batch's files of this feed checked before, not yet in silver. */
    static void register(Warehouse warehouse, FeedSchema schema, List<Dataset<Row>> earlier) {
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
            List<Dataset<Row>> parts = new ArrayList<>();
            if (warehouse.exists("silver", schema.feed())) {
                parts.add(spark.table("silver." + schema.feed()));
            }
            parts.addAll(earlier);
            Dataset<Row> history = parts.isEmpty()
                    ? spark.createDataFrame(List.of(), historySchema)
                    : LoadBatch.fold(schema, parts)
                            .select(schema.historyColumns().keySet().stream()
                                    .map(org.apache.spark.sql.functions::col)
                                    .toArray(org.apache.spark.sql.Column[]::new));
            history.createOrReplaceTempView(schema.feed() + "_history");
        }
    }
}
