package org.investlake.report;

import java.math.BigDecimal;

/** One table of the bulletin, as printed and as exported: title, the units line, columns, rows of typed cells. */
public record ReportTable(
        String sheetName,
        String title,
        String unitsLine,
        java.util.List<Column> columns,
        java.util.List<java.util.List<Object>> rows,
        String note) {
    /**
     * kind: text, integer, decimal1 (growth, points), decimal2 (money, 万元/亿元), percent1 (a rate 0..1 shown as %),
     * or number — a column whose rows are of different units (the headline indicators: a growth in %, a count, an
     * amount in 亿元), where each cell says how it is shown: an Integer or Long as a whole number, a BigDecimal with
     * one decimal place as decimal1, any other number as decimal2.
     */
    public record Column(String label, String kind) {
        /** The kind {@code v} is shown as in this column. */
        public String kindOf(Object v) {
            if (!"number".equals(kind)) {
                return kind;
            }
            if (v instanceof Integer || v instanceof Long) {
                return "integer";
            }
            return v instanceof BigDecimal d && d.scale() == 1 ? "decimal1" : "decimal2";
        }
    }
}
