package org.investlake.ingest;

import java.util.List;

/**
 * A file read as a table of text cells, every row kept with its row number in the file (1-based),
 * blank lines included, before anything is interpreted; for a workbook sheet also its merged cells.
 */
public record Grid(List<Row> rows, String encoding, String format, List<Merge> merges) {

    public Grid(List<Row> rows, String encoding, String format) {
        this(rows, encoding, format, List.of());
    }

    /** A merged range of cells: indexes into {@link #rows} and into a row's cells, both ends included. */
    public record Merge(int firstRow, int lastRow, int firstCol, int lastCol) {
        boolean contains(int row, int col) {
            return row >= firstRow && row <= lastRow && col >= firstCol && col <= lastCol;
        }
    }

    /** The text a cell shows: a cell inside a merged range shows the range's first cell. */
    public String shown(int row, int col) {
        for (Merge m : merges) {
            if (m.contains(row, col)) {
                return rows.get(m.firstRow()).cell(m.firstCol());
            }
        }
        return row < rows.size() ? rows.get(row).cell(col) : null;
    }

    /** One physical row: its number in the file and its cells as text. */
    public record Row(int number, List<String> cells) {
        public String cell(int i) {
            return i < cells.size() ? cells.get(i) : null;
        }

        public boolean isBlank() {
            return cells.stream().allMatch(org.investlake.reference.Labels::isBlank);
        }

        /** The non-blank cells joined by a space, for title and unit lines. */
        public String text() {
            return String.join(
                    " ",
                    cells.stream()
                            .filter(c -> !org.investlake.reference.Labels.isBlank(c))
                            .toList());
        }
    }
}
