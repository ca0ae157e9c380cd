package org.investlake.ingest;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The first non-empty sheet of an .xlsx. Numbers are kept at full precision (not as displayed),
 * dates as ISO text, formulas by their cached value.
 */
final class XlsxGridReader implements GridReader {
    private final DataFormatter formatter = new DataFormatter();

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(file.bytes()))) {
            for (Sheet sheet : wb) {
                if (sheet.getPhysicalNumberOfRows() == 0) {
                    continue;
                }
                List<Grid.Row> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        for (int c = 0; c < row.getLastCellNum(); c++) {
                            cells.add(text(row.getCell(c)));
                        }
                    }
                    rows.add(new Grid.Row(r + 1, cells));
                }
                return new Grid(rows, "xlsx", "xlsx");
            }
            return new Grid(List.of(), "xlsx", "xlsx");
        } catch (Exception e) {
            throw new FileRejectedException(
                    "xlsx_valid",
                    file.name() + ": 无法作为 Excel(.xlsx) 文件打开 — 文件可能已损坏或不是 xlsx("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime d = cell.getLocalDateTimeCellValue();
                    yield d.toLocalDate().toString();
                }
                BigDecimal v = BigDecimal.valueOf(cell.getNumericCellValue());
                // a cell shown as 5.3% holds 0.053: read it as the clerk sees it
                if (cell.getCellStyle() != null
                        && cell.getCellStyle().getDataFormatString() != null
                        && cell.getCellStyle().getDataFormatString().contains("%")) {
                    v = v.movePointRight(2);
                }
                yield v.stripTrailingZeros().toPlainString();
            }
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "是" : "否";
            case BLANK, _NONE -> "";
            case ERROR -> "#ERROR";
            default -> formatter.formatCellValue(cell);
        };
    }
}
