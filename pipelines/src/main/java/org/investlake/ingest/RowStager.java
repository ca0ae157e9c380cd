package org.investlake.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.investlake.reference.Labels;

/**
 * Turns a read file into rows for two tables: bronze (every physical row, as delivered) and the
 * staging view the silver SQL reads (data rows only, one text column per contract column, plus the
 * 万元 factor of each amount column and the file's period).
 */
final class RowStager {
    /** A footnote line under the table: 注:…, 说明:…, 资料来源:… */
    private static final Pattern FOOTNOTE = Pattern.compile("^(注|说明|备注|资料来源|数据来源|填报说明|填表说明)[0-9::.、]");

    /**
     * A file's staged rows: held in lists, or — for a file too large to hold ({@link LargeFileStager}) — written
     * as Parquet under the load's scratch folder ({@code stored}), the lists then empty. {@code dataRows} is kept
     * only in lists (the checks that need every data row run on files small enough to hold).
     */
    record Staged(
            List<Row> bronzeRows,
            List<Row> stagedRows,
            List<Grid.Row> dataRows,
            List<Grid.Row> totalRows,
            DataSummary summary,
            Stored stored) {

        /** Where a large file's bronze and staged rows were written. */
        record Stored(String bronzePath, String stagedPath) {}

        long stagedCount() {
            return summary.rows();
        }

        /**
         * The staged rows (with a null file_period, set by the load once the period is known); a stored file's
         * without their record map, which its bronze rows hold.
         */
        Dataset<Row> staged(SparkSession spark, FeedSchema schema) {
            StructType s = stagedSchema(schema);
            return stored == null
                    ? spark.createDataFrame(stagedRows, s)
                    : spark.read().schema(s).parquet(stored.stagedPath());
        }

        /** Every physical row as bronze keeps it; {@code schema} is bronze's. */
        Dataset<Row> bronze(SparkSession spark, StructType schema) {
            return stored == null
                    ? spark.createDataFrame(bronzeRows, schema)
                    : spark.read().schema(schema).parquet(stored.bronzePath());
        }
    }

    /** Receives each physical row of a file as it is staged: {@code staged} is null unless {@code kind} is data. */
    interface Sink {
        void accept(Grid.Row row, String kind, Row bronze, Row staged);
    }

    private final FeedSchema schema;
    private final FileLayout layout;
    private final Map<Integer, String[]> recordKeys = new HashMap<>();

    RowStager(FeedSchema schema, FileLayout layout) {
        this.schema = schema;
        this.layout = layout;
    }

    /** Stages a file held as a grid, every row kept in lists. */
    Staged stage(Grid grid, InputFile file, String loadId, Timestamp loadedAt) {
        List<Row> bronze = new ArrayList<>();
        List<Row> staged = new ArrayList<>();
        List<Grid.Row> data = new ArrayList<>();
        List<Grid.Row> totals = new ArrayList<>();
        DataSummary summary = new DataSummary(schema, layout);
        stage(grid.rows().iterator(), file, loadId, loadedAt, (row, kind, b, s) -> {
            bronze.add(b);
            if (kind.equals("total")) {
                totals.add(row);
            } else if (s != null) {
                staged.add(s);
                data.add(row);
                summary.add(row);
            }
        });
        return new Staged(bronze, staged, data, totals, summary, null);
    }

    /**
     * Stages rows one at a time in file order ({@code rows} from the file's first row): each gets its kind, its
     * bronze row and, when it is data, its staged row (file_period left null: the period may only be known once
     * every row has been seen).
     */
    void stage(Iterator<Grid.Row> rows, InputFile file, String loadId, Timestamp loadedAt, Sink sink) {
        List<String> header = layout.header();
        List<String> present = new ArrayList<>(layout.columnIndex().keySet());
        for (int r = 0; rows.hasNext(); r++) {
            Grid.Row row = rows.next();
            String kind = kind(row, r);
            Map<String, String> record = kind.equals("data") ? record(header, row) : null;
            Row bronze = RowFactory.create(
                    loadId,
                    file.name(),
                    file.sha256(),
                    row.number(),
                    kind,
                    new ArrayList<>(row.cells()),
                    record,
                    loadedAt);
            if (!kind.equals("data")) {
                sink.accept(row, kind, bronze, null);
                continue;
            }
            List<Object> values = new ArrayList<>();
            values.add(loadId);
            values.add(file.name());
            values.add(row.number());
            values.add(null);
            values.add(present);
            values.add(loadedAt);
            values.add(record);
            for (FeedSchema.ColumnSpec c : schema.columns()) {
                Integer idx = layout.columnIndex().get(c.name());
                values.add(idx == null ? null : row.cell(idx));
                if (c.isAmount()) {
                    values.add(layout.wanFactor().getOrDefault(c.name(), 1.0));
                }
            }
            sink.accept(row, kind, bronze, RowFactory.create(values.toArray()));
        }
    }

    /**
     * The staging view's schema: context columns, then per contract column its text as delivered
     * ({@code <column>_raw}, null when the file has no such column) and, for amounts, the factor to 万元.
     */
    static StructType stagedSchema(FeedSchema schema) {
        StructType s = new StructType()
                .add("load_id", DataTypes.StringType)
                .add("source_file", DataTypes.StringType)
                .add("source_row", DataTypes.IntegerType)
                .add("file_period", DataTypes.StringType)
                .add("columns_present", DataTypes.createArrayType(DataTypes.StringType))
                .add("loaded_at", DataTypes.TimestampType)
                .add("record", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        for (FeedSchema.ColumnSpec c : schema.columns()) {
            s = s.add(c.name() + "_raw", DataTypes.StringType);
            if (c.isAmount()) {
                s = s.add(c.name() + "_factor", DataTypes.DoubleType);
            }
        }
        return s;
    }

    private String kind(Grid.Row row, int index) {
        if (index < layout.headerFirstRowIndex()) {
            return row.isBlank() ? "blank" : "title";
        }
        if (index <= layout.headerRowIndex()) {
            return "header";
        }
        if (row.isBlank()) {
            return "blank";
        }
        String first =
                row.cells().stream().filter(c -> !Labels.isBlank(c)).findFirst().orElse("");
        if (FOOTNOTE.matcher(Labels.fold(first)).find()) {
            return "footnote";
        }
        // a trailing 合计 row of a project list is a total to reconcile against, not a project
        return schema.totalRowLabelsOrEmpty().contains(Labels.rowLabel(first)) ? "total" : "data";
    }

    /** Header text → cell text; a repeated header name gets a #2 suffix so no cell is lost. */
    private Map<String, String> record(List<String> header, Grid.Row row) {
        String[] keys = keys(header, Math.max(header.size(), row.cells().size()));
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], row.cell(i) == null ? "" : row.cell(i));
        }
        return m;
    }

    /** The record's keys for a row of {@code n} cells, worked out once per width: a million rows share them. */
    private String[] keys(List<String> header, int n) {
        return recordKeys.computeIfAbsent(n, width -> {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < width; i++) {
                String h = i < header.size() && !Labels.isBlank(header.get(i))
                        ? header.get(i).strip()
                        : "列" + (i + 1);
                String key = h;
                for (int k = 2; seen.contains(key); k++) {
                    key = h + "#" + k;
                }
                seen.add(key);
            }
            return seen.toArray(String[]::new);
        });
    }
}
