package org.investlake.ingest;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.investlake.quality.FeedSchema;

/**
 * What the file-wide checks need to know of a file's data rows, gathered row by row so that a file too large to
 * hold is summed as it streams past: how many there are, the periods its period column names ({@link
 * PeriodResolver}) and the sum of each amount column as delivered ({@link TotalRowReconciler}).
 */
final class DataSummary {
    private final Integer periodColumn;
    private final Map<String, Integer> amountColumns = new LinkedHashMap<>();
    private final Map<String, BigDecimal> sums = new LinkedHashMap<>();
    private final Set<YearMonth> periods = new TreeSet<>();
    private long rows;

    DataSummary(FeedSchema schema, FileLayout layout) {
        this.periodColumn = layout.has("period") ? layout.columnIndex().get("period") : null;
        for (FeedSchema.ColumnSpec c : schema.columns()) {
            Integer idx = layout.columnIndex().get(c.name());
            if (c.isAmount() && idx != null) {
                amountColumns.put(c.name(), idx);
                sums.put(c.name(), BigDecimal.ZERO);
            }
        }
    }

    static DataSummary of(FeedSchema schema, FileLayout layout, List<Grid.Row> dataRows) {
        DataSummary s = new DataSummary(schema, layout);
        dataRows.forEach(s::add);
        return s;
    }

    void add(Grid.Row row) {
        rows++;
        if (periodColumn != null) {
            Periods.parse(row.cell(periodColumn)).ifPresent(periods::add);
        }
        amountColumns.forEach((column, idx) -> {
            Numbers.Parsed p = Numbers.amount(row.cell(idx));
            if (p.value() != null) {
                sums.merge(column, p.value(), BigDecimal::add);
            }
        });
    }

    /** How many data rows the file has. */
    long rows() {
        return rows;
    }

    /** The periods the file's period column names, in order; empty when it has no such column. */
    Set<YearMonth> periodsInColumn() {
        return periods;
    }

    /** The sum of an amount column's parsed values, in the file's own unit; null for a column the file lacks. */
    BigDecimal sum(String column) {
        return sums.get(column);
    }
}
