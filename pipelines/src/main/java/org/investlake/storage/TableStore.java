package org.investlake.storage;

import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes Delta tables of the warehouse: creates a table on first write with its comments and
 * partitioning from its {@link TableDoc}, and appends, replaces periods or merges. Each write is one
 * Delta commit whose user metadata says which load or build made it, so {@code history} can tell.
 */
public final class TableStore {
    private static final String COMMIT_NOTE = "spark.databricks.delta.commitInfo.userMetadata";
    private final Warehouse warehouse;
    /** Table schemas looked up once: resolving a Delta snapshot for every write is costly. */
    private final java.util.Map<String, StructType> schemas = new java.util.HashMap<>();

    public TableStore(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The transaction whose tables this store records before writing them (null: none). */
    private WriteTransaction transaction;

    /** Records each table's version in {@code tx} before its first write, so a failed load can roll back. */
    public TableStore within(WriteTransaction tx) {
        this.transaction = tx;
        return this;
    }

    /** Creates the table if it does not exist yet, with comments and partitioning. */
    public void ensure(TableDoc doc, StructType schema) {
        if (transaction != null) {
            transaction.beforeWrite(doc.layer(), doc.name());
        }
        SparkSession spark = warehouse.spark();
        if (warehouse.exists(doc.layer(), doc.name())) {
            warehouse.register(doc.layer(), doc.name());
            return;
        }
        spark.sql("CREATE DATABASE IF NOT EXISTS " + doc.layer());
        if (spark.catalog().tableExists(doc.qualifiedName())) {
            spark.sql("DROP TABLE " + doc.qualifiedName()); // a name left over from another warehouse
        }
        StructType commented = doc.withComments(schema);
        String partitions =
                doc.partitionedBy().isEmpty() ? "" : " PARTITIONED BY (" + String.join(", ", doc.partitionedBy()) + ")";
        spark.sql("CREATE TABLE " + doc.qualifiedName() + " (" + commented.toDDL() + ") USING DELTA"
                + partitions
                + " COMMENT '" + escape(doc.tableComment()) + "'"
                + TableMaintenance.propertiesClause()
                + " LOCATION '" + warehouse.location(doc.layer(), doc.name()) + "'");
        warehouse.markRegistered(doc.layer(), doc.name());
    }

    public void append(TableDoc doc, Dataset<Row> rows, String note) {
        ensure(doc, rows.schema());
        withNote(
                note,
                () -> conform(doc, rows)
                        .write()
                        .format("delta")
                        .mode(SaveMode.Append)
                        .save(warehouse.location(doc.layer(), doc.name())));
    }

    /** Replaces exactly the rows of {@code periods} (a partition column) with {@code rows}. */
    public void replacePeriods(TableDoc doc, Dataset<Row> rows, Collection<String> periods, String note) {
        ensure(doc, rows.schema());
        String in = periods.stream().map(p -> "'" + escape(p) + "'").collect(Collectors.joining(", "));
        withNote(
                note,
                () -> conform(doc, rows)
                        .write()
                        .format("delta")
                        .mode(SaveMode.Overwrite)
                        .option("replaceWhere", "period IN (" + in + ")")
                        .save(warehouse.location(doc.layer(), doc.name())));
    }

    /** Upserts {@code rows} on {@code keys}: a re-delivered row replaces the one it corrects. */
    public void merge(TableDoc doc, Dataset<Row> rows, List<String> keys, String note) {
        merge(doc, rows, keys, List.of(), false, note);
    }

    /**
     * Upserts {@code rows} on {@code keys}, and when {@code replacedPeriods} is not empty also deletes
     * the rows of those periods that the delivery no longer has: for a feed whose file is the whole
     * snapshot of its month, a re-delivered month replaces that month.
     */
    public void merge(
            TableDoc doc,
            Dataset<Row> rows,
            List<String> keys,
            Collection<String> replacedPeriods,
            boolean keepLoadedWhenMissing,
            String note) {
        ensure(doc, rows.schema());
        String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        withNote(note, () -> {
            io.delta.tables.DeltaMergeBuilder builder = DeltaTable.forPath(
                            warehouse.spark(), warehouse.location(doc.layer(), doc.name()))
                    .as("t")
                    .merge(conform(doc, rows).as("s"), on);
            if (keepLoadedWhenMissing) {
                // two files may give the same row (the 全市 total of a by-region and of a by-sector table): a
                // value one of them leaves empty keeps what the other delivered
                Map<String, String> set = new java.util.LinkedHashMap<>();
                for (String c : targetSchema(doc).fieldNames()) {
                    set.put(c, "coalesce(s." + c + ", t." + c + ")");
                }
                builder = builder.whenMatched().updateExpr(set).whenNotMatched().insertAll();
            } else {
                builder = builder.whenMatched().updateAll().whenNotMatched().insertAll();
            }
            if (!replacedPeriods.isEmpty()) {
                String in =
                        replacedPeriods.stream().map(p -> "'" + escape(p) + "'").collect(Collectors.joining(", "));
                builder = builder.whenNotMatchedBySource("t.period IN (" + in + ")")
                        .delete();
            }
            builder.execute();
        });
    }

    /**
     * Adds the columns {@code doc} documents that the table lacks (a table written by an older
     * version): nullable, with their comments; existing rows read null. Nothing when none is missing.
     */
    public void addMissingColumns(TableDoc doc, String note) {
        addMissingColumns(doc, doc.declaredSchema(), note);
    }

    /**
     * Adds the columns of {@code schema} that the table lacks (a gold mart whose SQL gained a column
     * since the table was created), with their documented comments.
     */
    public void addMissingColumns(TableDoc doc, StructType schema, String note) {
        if (!warehouse.exists(doc.layer(), doc.name())) {
            return;
        }
        java.util.Set<String> present = java.util.Set.of(
                warehouse.spark().table(doc.qualifiedName()).schema().fieldNames());
        List<String> added = new java.util.ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!present.contains(f.name())) {
                added.add(f.name() + " " + f.dataType().sql() + " COMMENT '"
                        + escape(doc.column(f.name())
                                .map(TableDoc.Column::comment)
                                .orElse(""))
                        + "'");
            }
        }
        if (added.isEmpty()) {
            return;
        }
        if (transaction != null) {
            transaction.beforeWrite(doc.layer(), doc.name());
        }
        withNote(
                note,
                () -> warehouse
                        .spark()
                        .sql("ALTER TABLE " + doc.qualifiedName() + " ADD COLUMNS (" + String.join(", ", added) + ")"));
        schemas.remove(doc.qualifiedName());
    }

    /** Sets columns ({@code column → SQL expression}) of the rows matching {@code condition}: one commit. */
    public void update(TableDoc doc, String condition, Map<String, String> set, String note) {
        if (transaction != null) {
            transaction.beforeWrite(doc.layer(), doc.name());
        }
        withNote(
                note,
                () -> DeltaTable.forPath(warehouse.spark(), warehouse.location(doc.layer(), doc.name()))
                        .updateExpr(condition, set));
    }

    /** Deletes the rows matching {@code condition} (a SQL predicate): one commit (none when the table is absent). */
    public void delete(TableDoc doc, String condition, String note) {
        if (!warehouse.exists(doc.layer(), doc.name())) {
            return;
        }
        if (transaction != null) {
            transaction.beforeWrite(doc.layer(), doc.name());
        }
        withNote(
                note,
                () -> DeltaTable.forPath(warehouse.spark(), warehouse.location(doc.layer(), doc.name()))
                        .delete(condition));
    }

    /** The rows cast to the table's column order and types, so a write never widens the schema. */
    private StructType targetSchema(TableDoc doc) {
        return schemas.computeIfAbsent(
                doc.qualifiedName(), name -> warehouse.spark().table(name).schema());
    }

    private Dataset<Row> conform(TableDoc doc, Dataset<Row> rows) {
        StructType target = targetSchema(doc);
        Column[] cols = new Column[target.fields().length];
        int i = 0;
        for (StructField f : target.fields()) {
            cols[i++] = functions.col(f.name()).cast(f.dataType()).as(f.name());
        }
        return rows.select(cols);
    }

    private void withNote(String note, Runnable write) {
        SparkSession spark = warehouse.spark();
        spark.conf().set(COMMIT_NOTE, note);
        try {
            write.run();
        } finally {
            spark.conf().unset(COMMIT_NOTE);
        }
    }

    public static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
