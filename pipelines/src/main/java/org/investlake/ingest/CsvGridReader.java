package org.investlake.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV in UTF-8 (with or without BOM) or GBK; comma- or tab-separated, quotes as Excel writes them. */
final class CsvGridReader implements GridReader {

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        TextDecoder.Decoded decoded;
        try {
            decoded = TextDecoder.decode(file.content(), file.name());
        } catch (IOException e) {
            throw new FileRejectedException("csv_valid", file.name() + ": 无法读取文件(" + e.getMessage() + ")");
        }
        String text = decoded.text();
        char delimiter = guessDelimiter(text);
        List<Grid.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format(delimiter))) {
            for (CSVRecord rec : parser) {
                rows.add(row(rec));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw malformed(file, "", e.getMessage());
        }
        return new Grid(rows, decoded.encoding(), "csv");
    }

    /**
     * A CSV that commons-csv cannot parse (mostly an unclosed quote), held or streamed; {@code where} says how far
     * it was read ("" when the whole file was parsed at once).
     */
    static FileRejectedException malformed(InputFile file, String where, String detail) {
        return new FileRejectedException(
                "csv_valid", file.name() + ": " + where + "CSV 格式有误(" + detail + "),请检查引号是否成对");
    }

    /** How much of a large file is decoded whole to find its encoding and delimiter. */
    private static final int HEAD_BYTES = 1 << 20;

    /**
     * A large CSV row by row: the encoding and delimiter are found from its first megabyte (cut at a line end,
     * which no multi-byte character of UTF-8 or GBK contains), then the whole file is decoded as it is read —
     * strictly, so a byte invalid further on rejects the file rather than turning into a replacement character.
     * It ends after {@code maxRows} rows (0: at the end of the file).
     */
    static RowStream stream(InputFile file, int maxRows) throws FileRejectedException {
        try {
            byte[] head;
            try (InputStream in = file.open()) {
                head = in.readNBytes(HEAD_BYTES);
            }
            int cut = head.length;
            if (head.length == HEAD_BYTES) {
                while (cut > 0 && head[cut - 1] != '\n') {
                    cut--;
                }
            }
            TextDecoder.Decoded decoded = TextDecoder.decode(java.util.Arrays.copyOf(head, cut), file.name());
            Charset charset = decoded.encoding().startsWith("UTF-8") ? StandardCharsets.UTF_8 : TextDecoder.GB18030;
            InputStream in = new BufferedInputStream(file.open(), 1 << 16);
            if (decoded.encoding().equals("UTF-8-BOM")) {
                in.skipNBytes(3);
            }
            Reader reader = new InputStreamReader(
                    in,
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            CSVParser parser = CSVParser.parse(reader, format(guessDelimiter(decoded.text())));
            Iterator<CSVRecord> records = parser.iterator();
            return new RowStream() {
                private int handed;

                @Override
                public boolean hasNext() {
                    return (maxRows == 0 || handed < maxRows) && records.hasNext();
                }

                @Override
                public Grid.Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    handed++;
                    return row(records.next());
                }

                @Override
                public String encoding() {
                    return decoded.encoding();
                }

                @Override
                public String format() {
                    return "csv";
                }

                @Override
                public void close() {
                    try {
                        parser.close();
                    } catch (IOException e) {
                        // nothing was written: a failed close of a file being read loses nothing
                    }
                }
            };
        } catch (IOException e) {
            throw new FileRejectedException("csv_valid", file.name() + ": 无法读取文件(" + e.getMessage() + ")");
        }
    }

    /**
     * The first line (1-based) of {@code file} whose bytes are not valid in {@code encoding} (as {@link
     * RowStream#encoding()} names it), or 0 when there is none. The reader decodes ahead of the rows it hands over,
     * so a fault it meets is pinned to its line by reading the bytes again, line by line.
     */
    static long firstUndecodableLine(InputFile file, String encoding) throws IOException {
        Charset charset = encoding.startsWith("UTF-8") ? StandardCharsets.UTF_8 : TextDecoder.GB18030;
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(file.open(), 1 << 16)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            long number = 1;
            for (int b; ; ) {
                b = in.read();
                if (b == '\n' || b < 0) {
                    try {
                        decoder.reset().decode(java.nio.ByteBuffer.wrap(line.toByteArray()));
                    } catch (java.nio.charset.CharacterCodingException e) {
                        return number;
                    }
                    if (b < 0) {
                        return 0;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
        }
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .get();
    }

    private static Grid.Row row(CSVRecord rec) {
        List<String> cells = new ArrayList<>(rec.size());
        rec.forEach(cells::add);
        return new Grid.Row((int) rec.getRecordNumber(), cells);
    }

    /** Tab when the first lines hold more tabs than commas. */
    private static char guessDelimiter(String text) {
        int end = Math.min(text.length(), 4000);
        long tabs = text.substring(0, end).chars().filter(c -> c == '\t').count();
        long commas = text.substring(0, end).chars().filter(c -> c == ',').count();
        return tabs > commas ? '\t' : ',';
    }
}
