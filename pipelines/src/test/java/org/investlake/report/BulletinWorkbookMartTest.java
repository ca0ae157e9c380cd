package org.investlake.report;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.report.ReportTable.Column;
import org.investlake.serve.AnalystWarehouse;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table read from gold.region_growth, written to a workbook and read back with POI: every cell is the mart's. */
class BulletinWorkbookMartTest extends SparkTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("排名", "integer"),
            new Column("地区", "text"),
            new Column("累计增速", "decimal1"),
            new Column("较上期", "decimal1"),
            new Column("与目标差距", "decimal1"));

    @TempDir
    Path out;

    @Test
    void theWorkbooksCellsAreTheMartsValues() throws IOException {
        Warehouse w = warehouse(AnalystWarehouse.shared(SparkTest::warehouse));
        List<Row> mart = spark().read()
                .format("delta")
                .load(w.location("gold", "region_growth"))
                .where("period = '2023-04'")
                .orderBy(col("rank").asc_nulls_last(), col("region_code"))
                .collectAsList();
        List<List<Object>> rows = mart.stream()
                .map(r -> Arrays.<Object>asList(
                        r.getAs("rank"),
                        r.getAs("region_name"),
                        r.getAs("ytd_growth_pct"),
                        r.getAs("change_pp"),
                        r.getAs("gap_pp")))
                .toList();
        ReportTable table = new ReportTable("县市区增速", "2023年1-4月各县市区固定资产投资增速", "单位:%、百分点", COLUMNS, rows, null);

        Path xlsx = BulletinWorkbook.write(out.resolve("通报.xlsx"), "通报", List.of(table));

        DataFormatter shown = new DataFormatter();
        Map<String, List<String>> byName = new HashMap<>();
        try (InputStream in = Files.newInputStream(xlsx);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("县市区增速");
            for (int i = 0; i < rows.size(); i++) {
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object v = rows.get(i).get(c);
                    Cell cell = sheet.getRow(3 + i).getCell(c);
                    if (v == null) {
                        assertThat(cell.getCellType())
                                .as("row %d col %d: missing", i, c)
                                .isEqualTo(CellType.BLANK);
                    } else if (v instanceof Number n) {
                        assertThat(cell.getNumericCellValue())
                                .as("row %d col %d", i, c)
                                .isEqualTo(n.doubleValue());
                    } else {
                        assertThat(cell.getStringCellValue())
                                .as("row %d col %d", i, c)
                                .isEqualTo(v.toString());
                    }
                }
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(3 + i);
                byName.put(
                        mart.get(i).getAs("region_name"),
                        List.of(0, 2, 3, 4).stream()
                                .map(c -> shown.formatCellValue(row.getCell(c)))
                                .toList());
            }
        }
        // 1-4月 after the correction (AnalystWarehouse): growth, growth − 1-3月, growth − target
        assertThat(byName.get("桃城区")).containsExactly("1", "9.5", "-0.5", "2.0"); // target 7.5
        assertThat(byName.get("景县")).containsExactly("2", "7.2", "-1.3", "0.2"); // 8.5 in 1-3月, target 7.0
        assertThat(byName.get("武强县")).containsExactly("3", "6.0", "1.0", "-2.0"); // target 8.0
        assertThat(byName.get("冀州区")).containsExactly("4", "-2.0", "5.0", "-9.0"); // −7.0 in 1-3月, target 7.0
        assertThat(byName.get("全市")).containsExactly("", "5.6", "1.3", "-1.4"); // not ranked; 4.3 in 1-3月
    }
}
