package org.investlake.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A plain UTF-8 CSV export (header row, then data), as a provincial platform's download writes it:
 * no title lines, numbers without separators, dates as ISO text.
 */
final class CsvRowSink implements RowSink {
    private final Path path;
    private final List<Column> columns;
    private final CSVPrinter csv;

    CsvRowSink(Path path, List<Column> columns) throws IOException {
        this.path = path;
        this.columns = List.copyOf(columns);
        Files.createDirectories(path.getParent());
        BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        for (Column c : columns) {
            csv.print(c.name());
        }
        csv.println();
    }

    @Override
    public void row(Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            csv.print(text(columns.get(i), cells[i]));
        }
        csv.println();
    }

    /** How a value is printed: tenths with their one decimal, everything else as its text. */
    static String text(Column c, Object value) {
        if (value == null) {
            return "";
        }
        return switch (c.kind()) {
            case TENTHS -> ExportText.tenths((Long) value);
            case DATE -> ((LocalDate) value).toString();
            default -> value.toString();
        };
    }

    @Override
    public List<Path> paths() {
        return List.of(path);
    }

    @Override
    public void close() throws IOException {
        csv.close(true);
    }
}
