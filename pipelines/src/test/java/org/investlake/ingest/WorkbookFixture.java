package org.investlake.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes hand-made workbooks for the layout tests, old (.xls, HSSF) or new (.xlsx), with several sheets
 * and merged cells: numbers become numeric cells, LocalDates date cells, text starting with "=" a
 * formula (evaluated, so the file carries its cached value as Excel would), null an absent cell.
 */
final class WorkbookFixture {
    private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    private final Map<String, List<String>> merges = new LinkedHashMap<>();
    private String current;

    /** Starts a sheet; the rows that follow go on it. */
    WorkbookFixture sheet(String name) {
        current = name;
        sheets.put(name, new ArrayList<>());
        merges.put(name, new ArrayList<>());
        return this;
    }

    WorkbookFixture row(Object... cells) {
        sheets.get(current).add(java.util.Arrays.asList(cells));
        return this;
    }

    /** Appends the rows and merges of this fixture's current sheet to {@code other}'s current sheet. */
    void copyRowsTo(WorkbookFixture other) {
        other.sheets.get(other.current).addAll(sheets.get(current));
        other.merges.get(other.current).addAll(merges.get(current));
    }

    /** Merges a range of the current sheet, in Excel's notation ("A3:A4"). */
    WorkbookFixture merge(String range) {
        merges.get(current).add(range);
        return this;
    }

    /** Writes the workbook as .xls when the name ends so, else as .xlsx. */
    Path write(Path dir, String name) {
        boolean old = name.endsWith(".xls");
        try (Workbook wb = old ? new HSSFWorkbook() : new XSSFWorkbook()) {
            fill(wb);
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

    void fill(Workbook wb) {
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        var evaluator = wb.getCreationHelper().createFormulaEvaluator();
        for (var e : sheets.entrySet()) {
            Sheet sheet = wb.createSheet(e.getKey());
            List<List<Object>> rows = e.getValue();
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<Object> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(dateStyle);
                    } else if (v.toString().startsWith("=")) {
                        cell.setCellFormula(v.toString().substring(1));
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            for (String range : merges.get(e.getKey())) {
                sheet.addMergedRegion(CellRangeAddress.valueOf(range));
            }
        }
        evaluator.evaluateAll();
    }
}
