package org.investlake.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.investlake.quality.FeedSchema;

/**
 * Checks a file's own 合计 row against the sum of its records, amount column by amount column, and
 * says where they disagree. Nothing is adjusted: the records load as delivered and the difference is
 * reported (totals are reconciled, never adjusted: a disagreement is shown, not hidden).
 */
final class TotalRowReconciler {
    /** Differences up to this many 万元 are rounding in the export. */
    private static final BigDecimal TOLERANCE_WAN = new BigDecimal("1");

    private TotalRowReconciler() {}

    static List<String> check(
            FeedSchema schema, FileLayout layout, DataSummary data, List<Grid.Row> totalRows, String fileName) {
        List<String> out = new ArrayList<>();
        for (Grid.Row total : totalRows) {
            for (FeedSchema.ColumnSpec c : schema.columns()) {
                Integer idx = layout.columnIndex().get(c.name());
                if (!c.isAmount() || idx == null) {
                    continue;
                }
                Numbers.Parsed stated = Numbers.amount(total.cell(idx));
                if (stated.value() == null) {
                    continue;
                }
                BigDecimal factor = BigDecimal.valueOf(layout.wanFactor().getOrDefault(c.name(), 1.0));
                BigDecimal sum = data.sum(c.name());
                BigDecimal statedWan = stated.value().multiply(factor).setScale(2, RoundingMode.HALF_UP);
                BigDecimal sumWan = sum.multiply(factor).setScale(2, RoundingMode.HALF_UP);
                if (statedWan.subtract(sumWan).abs().compareTo(TOLERANCE_WAN) > 0) {
                    out.add(fileName + " 第" + total.number() + "行 "
                            + layout.headerText().get(c.name()) + ": 合计行 "
                            + statedWan.toPlainString() + " 万元与各行之和 " + sumWan.toPlainString() + " 万元相差 "
                            + statedWan.subtract(sumWan).toPlainString() + " 万元(未作调整,请核对)");
                }
            }
        }
        return out;
    }
}
