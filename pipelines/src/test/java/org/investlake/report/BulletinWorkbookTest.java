package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.investlake.report.ReportTable.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulletinWorkbookTest {
    private static final String BOOK_TITLE = "2023年1-6月全市抓投资上项目工作通报";

    /** Growth by unit: the third unit's month has not arrived, so its cells are missing and the note says why. */
    private static final ReportTable GROWTH = new ReportTable(
            "县市区增速",
            "2023年1-6月各县市区固定资产投资增速",
            "单位:%、百分点",
            List.of(
                    new Column("排名", "integer"),
                    new Column("县市区", "text"),
                    new Column("增速", "decimal1"),
                    new Column("较上月", "decimal1"),
                    new Column("与目标差距", "decimal1")),
            List.of(
                    row(1, "滨湖新区", new BigDecimal("12.3"), 1.5, 5.3),
                    row(2, "桃城区", 8.0, -0.4, 1.0),
                    row(null, "冀州区", null, null, null)),
            "冀州区6月统计数据尚未报送。");

    private static final ReportTable PROJECTS = new ReportTable(
            "重点项目",
            "2023年1-6月各县市区重点项目完成情况",
            "单位:亿元、%、个",
            List.of(
                    new Column("县市区", "text"),
                    new Column("完成投资", "decimal2"),
                    new Column("开工率", "percent1"),
                    new Column("项目数", "integer")),
            List.of(row("桃城区", new BigDecimal("1234.5"), 0.625, 12L)),
            null);

    @TempDir
    Path dir;

    @Test
    void eachTableIsASheetWithTitleUnitsFrozenHeaderAndTypedCells() throws IOException {
        Path xlsx = BulletinWorkbook.write(dir.resolve("通报.xlsx"), BOOK_TITLE, List.of(GROWTH, PROJECTS));
        DataFormatter shown = new DataFormatter();
        try (InputStream in = Files.newInputStream(xlsx);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            assertThat(book.getProperties().getCoreProperties().getTitle()).isEqualTo(BOOK_TITLE);

            Sheet growth = book.getSheet("县市区增速");
            assertThat(growth).as("sheet named after the table").isNotNull();
            assertThat(text(growth, 0, 0)).isEqualTo("2023年1-6月各县市区固定资产投资增速");
            assertThat(growth.getMergedRegions())
                    .contains(new CellRangeAddress(0, 0, 0, 4), new CellRangeAddress(1, 1, 0, 4));
            assertThat(text(growth, 1, 0)).isEqualTo("单位:%、百分点");
            assertThat(List.of(text(growth, 2, 0), text(growth, 2, 1), text(growth, 2, 4)))
                    .containsExactly("排名", "县市区", "与目标差距");
            assertThat(growth.getPaneInformation().isFreezePane()).isTrue();
            assertThat(growth.getPaneInformation().getHorizontalSplitPosition())
                    .as("title, units and header rows frozen")
                    .isEqualTo((short) 3);
            CellRangeAddress repeated = growth.getRepeatingRows();
            assertThat(List.of(repeated.getFirstRow(), repeated.getLastRow()))
                    .as("header printed on every page")
                    .containsExactly(2, 2);
            assertThat(growth.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);

            Cell rank = cell(growth, 3, 0);
            assertThat(rank.getNumericCellValue()).isEqualTo(1.0);
            assertThat(rank.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(text(growth, 3, 1)).isEqualTo("滨湖新区");
            Cell rate = cell(growth, 3, 2);
            assertThat(rate.getNumericCellValue()).isEqualTo(12.3);
            assertThat(rate.getCellStyle().getDataFormatString())
                    .as("growth: one decimal")
                    .isEqualTo("0.0");
            assertThat(shown.formatCellValue(cell(growth, 4, 3))).isEqualTo("-0.4");
            assertThat(shown.formatCellValue(cell(growth, 4, 2)))
                    .as("8.0 keeps its decimal")
                    .isEqualTo("8.0");
            for (int c : new int[] {0, 2, 3, 4}) {
                assertThat(cell(growth, 5, c).getCellType())
                        .as("missing value in column %d is an empty cell, not 0", c)
                        .isEqualTo(CellType.BLANK);
            }
            assertThat(text(growth, 7, 0)).as("note after one blank row").isEqualTo("冀州区6月统计数据尚未报送。");

            // widths in 1/256 of a digit: 县市区 column fits 滨湖新区 (4 Chinese = 8) + 2 padding = 10;
            // 排名 (4) + 2 = 6, raised to the minimum 8; 与目标差距 (10) + 2 = 12
            assertThat(growth.getColumnWidth(1)).isEqualTo(10 * 256);
            assertThat(growth.getColumnWidth(0)).isEqualTo(8 * 256);
            assertThat(growth.getColumnWidth(4)).isEqualTo(12 * 256);

            Sheet projects = book.getSheet("重点项目");
            Cell money = cell(projects, 3, 1);
            assertThat(money.getNumericCellValue()).isEqualTo(1234.5);
            assertThat(money.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(shown.formatCellValue(money)).isEqualTo("1,234.50");
            Cell started = cell(projects, 3, 2);
            assertThat(started.getNumericCellValue()).as("a rate stays a rate").isEqualTo(0.625);
            assertThat(shown.formatCellValue(started)).isEqualTo("62.5%");
            assertThat(cell(projects, 3, 3).getNumericCellValue()).isEqualTo(12.0);
            assertThat(projects.getRow(5)).as("no note row without a note").isNull();
        }
    }

    @Test
    void theSameTablesWriteTheSameBytes() throws Exception {
        Path first = BulletinWorkbook.write(dir.resolve("a.xlsx"), BOOK_TITLE, List.of(GROWTH, PROJECTS));
        Thread.sleep(1100); // across a second: a clock-stamped zip would differ now
        Path second = BulletinWorkbook.write(dir.resolve("b.xlsx"), BOOK_TITLE, List.of(GROWTH, PROJECTS));
        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
        assertThat(entryTimes(first)).containsOnly(LocalDateTime.of(1980, 1, 1, 0, 0));
    }

    @Test
    void aGivenSaveTimeIsTheWorkbooksOwn() throws Exception {
        Instant savedAt = Instant.parse("2023-07-10T01:30:00Z");
        Path xlsx = BulletinWorkbook.write(dir.resolve("t.xlsx"), BOOK_TITLE, List.of(GROWTH), savedAt);
        try (InputStream in = Files.newInputStream(xlsx);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getProperties().getCoreProperties().getCreated()).isEqualTo(Date.from(savedAt));
            assertThat(book.getProperties().getCoreProperties().getModified()).isEqualTo(Date.from(savedAt));
        }
        assertThat(entryTimes(xlsx)).as("09:30 in Beijing").containsOnly(LocalDateTime.of(2023, 7, 10, 9, 30));
        Path again = BulletinWorkbook.write(dir.resolve("t2.xlsx"), BOOK_TITLE, List.of(GROWTH), savedAt);
        assertThat(Files.mismatch(xlsx, again)).isEqualTo(-1L);
    }

    @Test
    void sheetNamesAreMadeLegalAndUnique() {
        Set<String> taken = new HashSet<>();
        ReportTable odd = new ReportTable("增速[6月]/排名", "t", null, List.of(), List.of(), null);
        assertThat(BulletinWorkbook.uniqueName(GROWTH, taken)).isEqualTo("县市区增速");
        assertThat(BulletinWorkbook.uniqueName(GROWTH, taken)).isEqualTo("县市区增速(2)");
        assertThat(BulletinWorkbook.uniqueName(odd, taken)).isEqualTo("增速 6月  排名");
        String longName = "很".repeat(40);
        ReportTable longOne = new ReportTable(longName, "t", null, List.of(), List.of(), null);
        assertThat(BulletinWorkbook.uniqueName(longOne, taken)).hasSize(31);
        assertThat(BulletinWorkbook.uniqueName(longOne, taken)).isEqualTo("很".repeat(28) + "(2)");
    }

    @Test
    void widthsCountChineseAsTwo() {
        assertThat(BulletinWorkbook.displayWidth("桃城区")).isEqualTo(6);
        assertThat(BulletinWorkbook.displayWidth("7.4%")).isEqualTo(4);
        assertThat(BulletinWorkbook.displayWidth("（亿元）")).isEqualTo(8);
        assertThat(BulletinWorkbook.shown("decimal2", new BigDecimal("1234.5"))).isEqualTo("1,234.50");
        assertThat(BulletinWorkbook.shown("percent1", 0.625)).isEqualTo("62.5%");
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static Cell cell(Sheet sheet, int row, int col) {
        assertThat(sheet.getRow(row))
                .as("row %d of %s", row, sheet.getSheetName())
                .isNotNull();
        Cell c = sheet.getRow(row).getCell(col);
        assertThat(c).as("cell %d,%d of %s", row, col, sheet.getSheetName()).isNotNull();
        return c;
    }

    private static String text(Sheet sheet, int row, int col) {
        return cell(sheet, row, col).getStringCellValue();
    }

    private static Set<LocalDateTime> entryTimes(Path zip) throws IOException {
        Set<LocalDateTime> times = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                times.add(e.getTimeLocal());
            }
        }
        return times;
    }
}
