package org.investlake.ingest;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * An Excel workbook, new (.xlsx, .xlsm) or old (.xls, Excel 97–2003 and WPS exports in that format),
 * both read by POI's {@link WorkbookFactory} into the same grid: numbers at full precision (not as
 * displayed), percent-formatted numbers as the percent the clerk sees, dates as ISO text, formulas by
 * their cached value, merged cells as ranges on the grid. A workbook with an opening password, or one POI cannot open, is refused.
 */
final class WorkbookGridReader implements GridReader {
    private final DataFormatter formatter = new DataFormatter();

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        List<SheetGrid> sheets = sheets(file);
        for (SheetGrid s : sheets) {
            if (file.sheet() == null
                    ? !s.hidden() && !s.grid().rows().isEmpty()
                    : s.name().equals(file.sheet())) {
                return s.grid();
            }
        }
        return new Grid(List.of(), file.extension(), file.extension());
    }

    /** One sheet of a workbook: its name (as on the tab), whether it is hidden, and its cells. */
    record SheetGrid(String name, boolean hidden, Grid grid) {}

    /** Every sheet of the workbook in tab order, an empty sheet as an empty grid. */
    List<SheetGrid> sheets(InputFile file) throws FileRejectedException {
        String format = file.extension();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(file.bytes()))) {
            List<SheetGrid> out = new ArrayList<>();
            for (Sheet sheet : wb) {
                int i = wb.getSheetIndex(sheet);
                out.add(new SheetGrid(
                        sheet.getSheetName(),
                        wb.isSheetHidden(i) || wb.isSheetVeryHidden(i),
                        sheet.getPhysicalNumberOfRows() == 0
                                ? new Grid(List.of(), format, format)
                                : grid(sheet, format)));
            }
            return out;
        } catch (EncryptedDocumentException e) {
            throw new FileRejectedException(
                    "workbook_readable",
                    file.name() + ": 工作簿设有打开密码(已加密),无法读取 — 请在 Excel/WPS 中取消密码"
                            + "(文件 → 信息 → 保护工作簿 → 用密码进行加密,清空密码)后保存,再重新报送");
        } catch (Exception e) {
            throw new FileRejectedException(
                    "workbook_readable",
                    file.name() + ": 无法作为 Excel 工作簿(." + format + ")打开 — 文件可能已损坏,或扩展名与实际格式不符;"
                            + "请在 Excel/WPS 中打开确认无误后另存为 .xlsx 再报送");
        }
    }

    private Grid grid(Sheet sheet, String format) {
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
        List<Grid.Merge> merges = new ArrayList<>();
        for (var m : sheet.getMergedRegions()) {
            merges.add(new Grid.Merge(m.getFirstRow(), m.getLastRow(), m.getFirstColumn(), m.getLastColumn()));
        }
        return new Grid(rows, format, format, merges);
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
