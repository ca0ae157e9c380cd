package org.investlake.report;

/** One table of the bulletin, as printed and as exported: title, the units line, columns, rows of typed cells. */
public record ReportTable(
        String sheetName,
        String title,
        String unitsLine,
        java.util.List<Column> columns,
        java.util.List<java.util.List<Object>> rows,
        String note) {
    /** kind: text, integer, decimal1 (growth, points), decimal2 (money, 万元/亿元), percent1 (a rate 0..1 shown as %) */
    public record Column(String label, String kind) {}
}
