package org.investlake.sample;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.openxml4j.opc.internal.PackagePropertiesPart;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One export file written row by row, as CSV or as a one-sheet workbook. Writers hand it cells as
 * {@code String} (text), {@code Long} (whole amount), {@code Double} (amount or rate with one decimal),
 * {@code LocalDate} (a date cell) or {@code null} (empty); in a CSV each becomes its text. The
 * number helpers pick typed cells for Excel and printed text for CSV, so one writer serves both.
 */
final class TableFile implements AutoCloseable {
    private final Path path;
    private final ExportFormat format;
    private final Instant savedAt;
    private CSVPrinter csv;
    private XSSFWorkbook book;
    private Sheet sheet;
    private CellStyle wholeStyle;
    private CellStyle decimalStyle;
    private CellStyle dateStyle;
    private int rowIndex;

    private TableFile(Path path, ExportFormat format, Instant savedAt) {
        this.path = path;
        this.format = format;
        this.savedAt = savedAt;
    }

    /**
     * Opens {@code dir/baseName.ext} for writing the export of {@code month}; the sheet name is what
     * the bureau calls the table.
     */
    static TableFile open(Path dir, String baseName, ExportFormat format, String sheetName, YearMonth month)
            throws IOException {
        Files.createDirectories(dir);
        // A workbook carries save times (its core properties and every zip entry); taking them from
        // the month instead of the clock makes the same arguments write the same bytes, so a second
        // demo finds every file already loaded. The bureau exports in the first days of the next month.
        Instant savedAt = month.plusMonths(1)
                .atDay(5)
                .atTime(9, 0)
                .atZone(ZoneOffset.ofHours(8))
                .toInstant();
        TableFile f = new TableFile(dir.resolve(baseName + "." + format.extension()), format, savedAt);
        if (format.isExcel()) {
            f.book = new XSSFWorkbook();
            PackagePropertiesPart props =
                    f.book.getProperties().getCoreProperties().getUnderlyingProperties();
            props.setCreatedProperty(Optional.of(Date.from(savedAt)));
            props.setModifiedProperty(Optional.of(Date.from(savedAt)));
            f.sheet = f.book.createSheet(sheetName);
            f.wholeStyle = f.style("#,##0");
            f.decimalStyle = f.style("#,##0.0");
            f.dateStyle = f.style("yyyy-mm-dd");
        } else {
            OutputStream out = Files.newOutputStream(f.path);
            if (format.bom()) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, format.charset()), 1 << 16);
            f.csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        }
        return f;
    }

    Path path() {
        return path;
    }

    boolean isExcel() {
        return format.isExcel();
    }

    /** A line of one cell: a title, the unit line, a footnote. */
    void line(String text) throws IOException {
        row(text);
    }

    /** An empty line, as the exports leave before a footnote or at the end. */
    void blank() throws IOException {
        if (csv != null) {
            csv.println();
        } else {
            rowIndex++;
        }
    }

    void row(Object... cells) throws IOException {
        if (csv != null) {
            for (Object c : cells) {
                csv.print(c == null ? "" : c instanceof String s ? s : c.toString());
            }
            csv.println();
            return;
        }
        Row r = sheet.createRow(rowIndex++);
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            if (c == null) {
                continue;
            }
            Cell cell = r.createCell(i);
            if (c instanceof String s) {
                cell.setCellValue(s);
            } else if (c instanceof Long l) {
                cell.setCellValue(l.doubleValue());
                cell.setCellStyle(wholeStyle);
            } else if (c instanceof Double d) {
                cell.setCellValue(d);
                cell.setCellStyle(decimalStyle);
            } else if (c instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
            } else {
                cell.setCellValue(c.toString());
            }
        }
    }

    /** An amount in tenths of 万元: a number cell in Excel, printed (with separators if asked) in CSV. */
    Object amount(long tenths, boolean grouped) {
        if (isExcel()) {
            return tenths / 10.0;
        }
        return grouped ? ExportText.groupedTenths(tenths) : ExportText.tenths(tenths);
    }

    /** A whole amount in 万元. */
    Object whole(long value) {
        return isExcel() ? (Object) Long.valueOf(value) : Long.toString(value);
    }

    /** A growth rate in tenths of a percent; a fall in words stays text even in Excel. */
    Object growth(int tenthsPct, boolean inWords) {
        if (isExcel() && !(inWords && tenthsPct < 0)) {
            return tenthsPct / 10.0;
        }
        return ExportText.growth(tenthsPct, inWords);
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close(true);
        } else if (book != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                book.write(bytes);
            } finally {
                book.close();
            }
            Files.write(path, withEntryTimes(bytes.toByteArray(), savedAt));
        }
    }

    /**
     * The same zip with every entry's time set to {@code time}: POI stamps the entries with the
     * clock when it saves, which would make two identical workbooks differ in their bytes.
     */
    static byte[] withEntryTimes(byte[] zip, Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                // DOS time only (no extended-timestamp field), read as local time: use UTC+8 explicitly
                copy.setTimeLocal(LocalDateTime.ofInstant(time, ZoneOffset.ofHours(8)));
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private CellStyle style(String pattern) {
        CellStyle s = book.createCellStyle();
        s.setDataFormat(book.createDataFormat().getFormat(pattern));
        return s;
    }
}
