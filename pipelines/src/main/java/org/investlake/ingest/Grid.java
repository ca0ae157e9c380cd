package org.investlake.ingest;

import java.util.List;

/**
 * A file read as a table of text cells, every row kept with its row number in the file (1-based),
 * blank lines included, before anything is interpreted.
 */
public record Grid(List<Row> rows, String encoding, String format) {

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
