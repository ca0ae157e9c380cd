package org.investlake.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A file's rows as the feed's silver SQL parsed them and its rules judged them ({@code violations}, {@code
 * warnings}, {@code failures}), fetched with one Spark job and held in file order. Every question the load asks
 * of them (a failing row? which rows are refused, warned, kept? which periods?) is then answered here, not by a
 * Spark query each: on a monthly file, planning those queries cost far more than the rows (about five jobs a file,
 * each re-planning the whole silver SQL).
 */
final class CheckedRows {
    private final StructType schema;
    private final List<Row> rows;
    private final int sourceRow;
    private final int violations;
    private final int warnings;
    private final int failures;

    /** For a large file: every judged row, as the load's scratch Parquet ({@code rows} then only the flagged). */
    private final Dataset<Row> stored;

    private CheckedRows(StructType schema, List<Row> rows, Dataset<Row> stored) {
        this.schema = schema;
        this.stored = stored;
        this.sourceRow = schema.fieldIndex("source_row");
        this.violations = schema.fieldIndex("violations");
        this.warnings = schema.fieldIndex("warnings");
        this.failures = schema.fieldIndex("failures");
        this.rows = rows.stream()
                .sorted(Comparator.comparingInt(r -> r.getInt(sourceRow)))
                .toList();
    }

    /** Runs {@code judged} (the silver SQL with the rules applied) once and keeps its rows. */
    static CheckedRows collect(Dataset<Row> judged) {
        return new CheckedRows(judged.schema(), judged.collectAsList(), null);
    }

    /**
     * For a file too large to hold: runs {@code judged} once into Parquet at {@code path} and fetches only the rows
     * a rule flagged (refused, warned or failing — on a clean file, few); the kept rows stay there ({@link #kept}).
     * Only silver's {@code columns} and the rules' verdicts are written: the delivered text and the record map
     * would double the writing, and only a flagged row's record is needed (for quarantine), fetched from the
     * file's bronze rows ({@code bronze}) by row number.
     */
    static CheckedRows stored(Dataset<Row> judged, String[] columns, Dataset<Row> bronze, String path) {
        Set<String> written = new LinkedHashSet<>(List.of(columns));
        written.addAll(List.of("source_row", "violations", "warnings", "failures"));
        judged.selectExpr(written.toArray(String[]::new))
                .write()
                .mode(SaveMode.Overwrite)
                // read back once by this load: dictionary pages (a hash lookup per cell, about a tenth of the
                // check of a million-row month in a profile) would save nothing
                .option("parquet.enable.dictionary", "false")
                .parquet(path);
        Dataset<Row> all = judged.sparkSession().read().parquet(path);
        Dataset<Row> flagged = all.where("size(violations) > 0 OR size(warnings) > 0 OR size(failures) > 0")
                .join(bronze.selectExpr("row_number AS source_row", "record"), "source_row");
        return new CheckedRows(flagged.schema(), flagged.collectAsList(), all);
    }

    /** The first row (in file order) a {@code fail} rule refused, which rejects the whole file; null if none. */
    Row firstFailed() {
        return rows.stream()
                .filter(r -> !r.getList(failures).isEmpty())
                .findFirst()
                .orElse(null);
    }

    /** The rows a {@code drop} rule refused (to quarantine), in file order. */
    List<Row> refused() {
        return rows.stream().filter(r -> !r.getList(violations).isEmpty()).toList();
    }

    /** The rows kept that a {@code warn} rule noted, in file order. */
    List<Row> warned() {
        return rows.stream()
                .filter(r ->
                        r.getList(violations).isEmpty() && !r.getList(warnings).isEmpty())
                .toList();
    }

    /** The rows kept, as {@code columns} (silver's): held in file order, or stored with their count per period. */
    DeliveryFold.Kept kept(String[] columns) {
        if (stored != null) {
            Dataset<Row> kept = stored.where("size(violations) = 0").selectExpr(columns);
            Map<String, Long> perPeriod = new HashMap<>();
            for (Row r : kept.groupBy("period").count().collectAsList()) {
                perPeriod.put(r.isNullAt(0) ? null : r.get(0).toString(), r.getLong(1));
            }
            return DeliveryFold.Kept.stored(kept, perPeriod);
        }
        return new DeliveryFold.Kept(keptSchema(columns), held(columns));
    }

    private List<Row> held(String[] columns) {
        int[] at = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            at[i] = schema.fieldIndex(columns[i]);
        }
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) {
            if (r.getList(violations).isEmpty()) {
                Object[] values = new Object[at.length];
                for (int i = 0; i < at.length; i++) {
                    values[i] = r.get(at[i]);
                }
                kept.add(RowFactory.create(values));
            }
        }
        return kept;
    }

    private StructType keptSchema(String[] columns) {
        StructField[] fields = new StructField[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = schema.apply(columns[i]);
        }
        return new StructType(fields);
    }

    /**
     * Every row, in file order (each with the judged schema: read columns by name); of a stored file only the
     * flagged rows (the checks that read every row run on held files only).
     */
    List<Row> all() {
        return rows;
    }

    int sourceRow(Row r) {
        return r.getInt(sourceRow);
    }

    List<Row> violations(Row r) {
        return r.getList(violations);
    }

    List<Row> warnings(Row r) {
        return r.getList(warnings);
    }

    List<Row> failures(Row r) {
        return r.getList(failures);
    }

    /** The distinct values of {@code column} among {@code of}, sorted (an empty value first), as strings. */
    static List<String> distinct(List<Row> of, StructType schema, String column) {
        int at = schema.fieldIndex(column);
        return of.stream()
                .map(r -> r.isNullAt(at) ? null : r.get(at).toString())
                .distinct()
                .sorted(Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .toList();
    }
}
