package org.investlake.ingest;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

    record Staged(List<Row> bronze, List<Row> staged, List<Grid.Row> dataRows, List<Grid.Row> totalRows) {}

    private final FeedSchema schema;
    private final FileLayout layout;

    RowStager(FeedSchema schema, FileLayout layout) {
        this.schema = schema;
        this.layout = layout;
    }

    /** The data rows: below the header, neither blank, a footnote nor a total row. */
    List<Grid.Row> dataRows(Grid grid) {
        List<Grid.Row> out = new ArrayList<>();
        for (int r = layout.headerRowIndex() + 1; r < grid.rows().size(); r++) {
            Grid.Row row = grid.rows().get(r);
            if (kind(row, r).equals("data")) {
                out.add(row);
            }
        }
        return out;
    }

    Staged stage(Grid grid, InputFile file, String loadId, Timestamp loadedAt, Optional<YearMonth> filePeriod) {
        List<Row> bronze = new ArrayList<>();
        List<Row> staged = new ArrayList<>();
        List<Grid.Row> data = new ArrayList<>();
        List<Grid.Row> totals = new ArrayList<>();
        List<String> header = layout.header();
        List<String> present = new ArrayList<>(layout.columnIndex().keySet());
        for (int r = 0; r < grid.rows().size(); r++) {
            Grid.Row row = grid.rows().get(r);
            String kind = kind(row, r);
            Map<String, String> record = kind.equals("data") ? record(header, row) : null;
            bronze.add(RowFactory.create(
                    loadId,
                    file.name(),
                    file.sha256(),
                    row.number(),
                    kind,
                    new ArrayList<>(row.cells()),
                    record,
                    loadedAt));
            if (kind.equals("total")) {
                totals.add(row);
            }
            if (!kind.equals("data")) {
                continue;
            }
            data.add(row);
            List<Object> values = new ArrayList<>();
            values.add(loadId);
            values.add(file.name());
            values.add(row.number());
            values.add(filePeriod.map(Periods::format).orElse(null));
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
            staged.add(RowFactory.create(values.toArray()));
        }
        return new Staged(bronze, staged, data, totals);
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
    private static Map<String, String> record(List<String> header, Grid.Row row) {
        Map<String, String> m = new LinkedHashMap<>();
        int n = Math.max(header.size(), row.cells().size());
        for (int i = 0; i < n; i++) {
            String h = i < header.size() && !Labels.isBlank(header.get(i))
                    ? header.get(i).strip()
                    : "列" + (i + 1);
            String key = h;
            for (int k = 2; m.containsKey(key); k++) {
                key = h + "#" + k;
            }
            m.put(key, row.cell(i) == null ? "" : row.cell(i));
        }
        return m;
    }
}
