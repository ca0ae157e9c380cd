package org.investlake.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV in UTF-8 (with or without BOM) or GBK; comma- or tab-separated, quotes as Excel writes them. */
final class CsvGridReader implements GridReader {

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        TextDecoder.Decoded decoded = TextDecoder.decode(file.bytes(), file.name());
        String text = decoded.text();
        char delimiter = guessDelimiter(text);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .get();
        List<Grid.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord rec : parser) {
                List<String> cells = new ArrayList<>(rec.size());
                rec.forEach(cells::add);
                rows.add(new Grid.Row((int) rec.getRecordNumber(), cells));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new FileRejectedException("csv_valid", file.name() + ": CSV 格式有误(" + e.getMessage() + "),请检查引号是否成对");
        }
        return new Grid(rows, decoded.encoding(), "csv");
    }

    /** Tab when the first lines hold more tabs than commas. */
    private static char guessDelimiter(String text) {
        int end = Math.min(text.length(), 4000);
        long tabs = text.substring(0, end).chars().filter(c -> c == '\t').count();
        long commas = text.substring(0, end).chars().filter(c -> c == ',').count();
        return tabs > commas ? '\t' : ',';
    }
}
