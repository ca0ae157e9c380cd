package org.investlake.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.internal.PackagePropertiesPart;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The bulletin's tables as the workbook offices forward: one sheet per {@link ReportTable}, laid out as a
 * printed statistical table — the title row (merged, bold), the units line (merged, right), the header row
 * (bold, shaded, wrapped, frozen with the rows above it and repeated on every printed page), the data rows,
 * then the note. Number formats follow the column kind: {@code decimal1} one decimal (growth, points),
 * {@code decimal2} two decimals with thousands separators (万元/亿元), {@code percent1} a rate 0..1 shown as
 * {@code 0.0%}, {@code integer} whole numbers ({@code number}: as each cell's type says, see
 * {@link ReportTable.Column#kindOf}); a missing value (null) is an empty cell, its reason being in the
 * note or a text column — never 0. Column widths count a Chinese character as two digits. Sheets print on A4,
 * fitted to the page width (landscape beyond six columns).
 *
 * <p>The bytes depend only on the arguments: the workbook's save times (core properties and every zip entry)
 * are {@code savedAt} — the time the bulletin records for itself — so a reissue writes the same file.
 */
public final class BulletinWorkbook {
    /** Zip entries' time when no save time is given: the first time a zip can carry (reproducible builds use it). */
    static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 50;
    private static final int MAX_HEADER_WIDTH = 16;
    private static final Map<String, String> FORMATS = Map.of(
            "integer", "#,##0",
            "decimal1", "0.0",
            "decimal2", "#,##0.00",
            "percent1", "0.0%");

    private BulletinWorkbook() {}

    /** Writes {@code tables} to {@code xlsx} without save times in its properties (the same tables, the same bytes). */
    public static Path write(Path xlsx, String title, List<ReportTable> tables) {
        return write(xlsx, title, tables, null);
    }

    /**
     * Writes {@code tables} to {@code xlsx}, one sheet each, with {@code title} as the workbook's title and
     * {@code savedAt} (may be null) as its creation and modification time.
     */
    public static Path write(Path xlsx, String title, List<ReportTable> tables, Instant savedAt) {
        byte[] bytes = bytes(title, tables, savedAt);
        try {
            Path parent = xlsx.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(xlsx, bytes);
            return xlsx;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workbook " + xlsx + ": " + e.getMessage(), e);
        }
    }

    /** The workbook of {@link #write(Path, String, List, Instant)} as bytes, for a file written elsewhere. */
    public static byte[] bytes(String title, List<ReportTable> tables, Instant savedAt) {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            PackagePropertiesPart props =
                    book.getProperties().getCoreProperties().getUnderlyingProperties();
            props.setTitleProperty(Optional.ofNullable(title));
            props.setCreatorProperty(Optional.empty());
            props.setCreatedProperty(Optional.ofNullable(savedAt).map(Date::from));
            props.setModifiedProperty(Optional.ofNullable(savedAt).map(Date::from));
            Styles styles = new Styles(book);
            Set<String> names = new HashSet<>();
            for (ReportTable table : tables) {
                sheet(book, styles, uniqueName(table, names), table);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            book.write(bytes);
            LocalDateTime entryTime = savedAt == null ? ZIP_EPOCH : LocalDateTime.ofInstant(savedAt, BEIJING);
            return withEntryTimes(bytes.toByteArray(), entryTime);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the workbook 「" + title + "」: " + e.getMessage(), e);
        }
    }

    private static void sheet(XSSFWorkbook book, Styles styles, String name, ReportTable table) {
        XSSFSheet sheet = book.createSheet(name);
        List<ReportTable.Column> columns = table.columns();
        int last = Math.max(columns.size() - 1, 0);
        int r = 0;
        r = banner(sheet, r, last, table.title(), styles.title, 24);
        r = banner(sheet, r, last, table.unitsLine(), styles.units, 0);
        int headerRow = r;
        Row header = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(columns.get(c).label());
            cell.setCellStyle(styles.header);
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = Math.min(displayWidth(columns.get(c).label()), MAX_HEADER_WIDTH);
        }
        for (List<Object> values : table.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.size(); c++) {
                Object v = c < values.size() ? values.get(c) : null;
                String kind = columns.get(c).kindOf(v);
                Cell cell = row.createCell(c);
                cell.setCellStyle(styles.body(kind, v));
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v != null) {
                    cell.setCellValue(v.toString());
                }
                widths[c] = Math.max(widths[c], displayWidth(shown(kind, v)));
            }
        }
        if (table.note() != null && !table.note().isBlank()) {
            r++;
            Row row = sheet.createRow(r);
            Cell cell = row.createCell(0);
            cell.setCellValue(table.note());
            cell.setCellStyle(styles.note);
            if (last > 0) {
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, last));
            }
            int total = 0;
            for (int w : widths) {
                total += Math.min(Math.max(w + 2, MIN_WIDTH), MAX_WIDTH);
            }
            int lines = (int) Math.ceil(displayWidth(table.note()) / (double) Math.max(total, 1));
            row.setHeightInPoints(Math.max(1, lines) * sheet.getDefaultRowHeightInPoints());
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, Math.min(Math.max(widths[c] + 2, MIN_WIDTH), MAX_WIDTH) * 256);
        }
        sheet.createFreezePane(0, headerRow + 1);
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        sheet.setAutobreaks(true);
        sheet.setFitToPage(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(columns.size() > 6);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
    }

    /** A row of one merged cell across the table (the title, the units line); nothing when the text is blank. */
    private static int banner(XSSFSheet sheet, int r, int last, String text, CellStyle style, int points) {
        if (text == null || text.isBlank()) {
            return r;
        }
        Row row = sheet.createRow(r);
        if (points > 0) {
            row.setHeightInPoints(points);
        }
        Cell cell = row.createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(style);
        if (last > 0) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, 0, last));
        }
        return r + 1;
    }

    /** The sheet name: the table's own, made legal for Excel (31 characters, no []:*?/\) and unique. */
    static String uniqueName(ReportTable table, Set<String> taken) {
        String base = table.sheetName() == null || table.sheetName().isBlank() ? "表" : table.sheetName();
        base = WorkbookUtil.createSafeSheetName(base);
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
            String suffix = "(" + i + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    /** The text Excel shows for a value, to size its column. */
    static String shown(String kind, Object v) {
        if (!(v instanceof Number n)) {
            return v == null ? "" : v.toString();
        }
        double d = n.doubleValue();
        return switch (kind) {
            case "integer" -> String.format(Locale.ROOT, "%,d", Math.round(d));
            case "decimal1" -> String.format(Locale.ROOT, "%.1f", d);
            case "percent1" -> String.format(Locale.ROOT, "%.1f%%", d * 100);
            default -> String.format(Locale.ROOT, "%,.2f", d);
        };
    }

    /** Width in Excel's units (the width of a digit): a Chinese (full-width) character counts two. */
    static int displayWidth(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /**
     * The same zip with every entry's time set to {@code time}: POI stamps the entries with the clock when it
     * saves, which would make two identical workbooks differ in their bytes.
     */
    static byte[] withEntryTimes(byte[] zip, LocalDateTime time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time); // DOS time only, no extended-timestamp field
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The workbook's cell styles, made once: POI keeps every style created, so one per look, not per cell. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle units;
        final CellStyle header;
        final CellStyle note;
        final CellStyle text;
        final Map<String, CellStyle> numbers;

        Styles(XSSFWorkbook book) {
            Font titleFont = book.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = book.createCellStyle();
            title.setFont(titleFont);
            title.setAlignment(HorizontalAlignment.CENTER);
            title.setVerticalAlignment(VerticalAlignment.CENTER);

            units = book.createCellStyle();
            units.setAlignment(HorizontalAlignment.RIGHT);

            Font bold = book.createFont();
            bold.setBold(true);
            header = bordered(book);
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setWrapText(true);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);

            note = book.createCellStyle();
            note.setWrapText(true);
            note.setVerticalAlignment(VerticalAlignment.TOP);

            text = bordered(book);
            text.setVerticalAlignment(VerticalAlignment.CENTER);

            numbers = new java.util.TreeMap<>();
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(FORMATS).entrySet()) {
                CellStyle s = bordered(book);
                s.setDataFormat(book.createDataFormat().getFormat(f.getValue()));
                s.setAlignment(HorizontalAlignment.RIGHT);
                s.setVerticalAlignment(VerticalAlignment.CENTER);
                numbers.put(f.getKey(), s);
            }
        }

        /** A number in a numeric column takes the column's format; text (and an empty cell) the plain style. */
        CellStyle body(String kind, Object v) {
            CellStyle s = numbers.get(kind == null ? "" : kind);
            if (s == null || v instanceof String) {
                return text;
            }
            return s;
        }

        private static CellStyle bordered(XSSFWorkbook book) {
            CellStyle s = book.createCellStyle();
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            return s;
        }
    }
}
