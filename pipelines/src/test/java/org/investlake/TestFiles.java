package org.investlake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes hand-made export files for tests: CSV lines in a chosen encoding, or xlsx rows. */
public final class TestFiles {
    private TestFiles() {}

    /** Lines joined with CRLF (as Excel writes CSV), in {@code charset}, with a UTF-8 BOM if asked. */
    public static Path csv(Path dir, String name, Charset charset, boolean bom, String... lines) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(p)) {
                if (bom) {
                    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                }
                out.write((String.join("\r\n", lines) + "\r\n").getBytes(charset));
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path utf8(Path dir, String name, String... lines) {
        return csv(dir, name, java.nio.charset.StandardCharsets.UTF_8, false, lines);
    }

    /** An xlsx with one sheet; numbers become numeric cells, LocalDates date cells, the rest text. */
    public static Path xlsx(Path dir, String name, List<List<Object>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Sheet1");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<Object> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(dateStyle);
                    } else if (v != null) {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            Files.createDirectories(dir);
            Path p = dir.resolve(name);
            try (OutputStream out = Files.newOutputStream(p)) {
                wb.write(out);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
