package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.investlake.SparkTest;
import org.investlake.serve.AnalystWarehouse;
import org.investlake.storage.Warehouse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real bulletin of the analyst warehouse's April (see {@link AnalystWarehouse}: four units, 全市, sectors,
 * projects, bonds), rendered in memory — nothing is recorded in the shared warehouse — then shown in headless
 * Chromium at a phone's width and opened as a workbook with POI.
 */
class BulletinRenderedTest extends SparkTest {
    /** Under target/ (surefire's working directory): the screenshots are left there for a person to look at. */
    private static final Path OUT = Path.of("bulletin-rendered").toAbsolutePath();

    private static Bulletins.Rendered april;
    private static Path html;

    @BeforeAll
    static void render() throws IOException {
        Warehouse w = warehouse(AnalystWarehouse.shared(SparkTest::warehouse));
        april = Bulletins.render(
                w, "2023-04", BulletinData.currentVersions(w), "2023-04-test", Instant.parse("2023-05-20T02:00:00Z"));
        Files.createDirectories(OUT);
        html = Files.writeString(OUT.resolve("bulletin-2023-04.html"), april.html(), StandardCharsets.UTF_8);
    }

    @Test
    void onAPhoneThePageLoadsCleanlyFitsAndDrawsEveryBar() {
        HeadlessChromium.Page page =
                HeadlessChromium.require().render(html, 390, OUT.resolve("bulletin-2023-04-390.png"));

        assertThat(page.viewportWidth()).isEqualTo(390);
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.resources()).as("a self-contained page fetches nothing").isEmpty();
        assertThat(page.scrollsSideways())
                .as("scrollWidth %d at 390 px, sticking out: %s", page.scrollWidth(), page.overflowing())
                .isFalse();
        assertThat(page.title()).isEqualTo("衡水市 2023年1-4月全市抓投资上项目工作通报");

        // The page's figures in order, and what each says it draws.
        Document doc = Jsoup.parse(april.html());
        List<Element> figures = doc.select("figure.chart");
        assertThat(figures)
                .extracting(f -> f.attr("data-chart"))
                .containsExactly("chart-region-growth", "chart-sector-growth", "chart-key-projects");
        assertThat(page.charts()).hasSameSizeAs(figures);
        // Growth by unit: a growth bar for the four units that reported (9.5, 7.2, 6.0, −2.0) and a target bar for
        // each of the 13 units (2023 has a target for every one) = 17; the nine silent units draw no growth bar.
        // 全市 is the headline, not a bar.
        assertThat(figures.get(0).attr("data-bars")).isEqualTo("17");
        // Key projects by unit: only 桃城区 (P1 16000 done), 武强县 (P3 500) and 景县 (P4 2000) have completed
        // anything; every other unit is at 0.0, which has no length (its value is printed beside the axis).
        assertThat(figures.get(2).attr("data-bars")).isEqualTo("3");
        for (int i = 0; i < figures.size(); i++) {
            HeadlessChromium.Chart chart = page.charts().get(i);
            // the legend's swatches are paths in these charts, so each rect in a series colour is a bar
            int drawn = chart.rects(hex(Charts.BLUE)) + chart.rects(hex(Charts.GREY));
            assertThat(chart.drawn()).isTrue();
            assertThat(drawn)
                    .as("%s: bars by fill %s", figures.get(i).attr("data-chart"), chart.rectsByFill())
                    .isEqualTo(Integer.parseInt(figures.get(i).attr("data-bars")));
            assertThat(chart.width()).as("scaled to the phone").isLessThanOrEqualTo(374.0);
        }
    }

    @Test
    void theWorkbookBesideItHoldsTheMartsNumbers() throws IOException {
        Path xlsx = BulletinWorkbook.write(OUT.resolve("bulletin-2023-04.xlsx"), april.title(), april.tables());

        try (InputStream in = Files.newInputStream(xlsx);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(sheetNames(book)).contains(BulletinTables.REGIONS, BulletinTables.KEY_PROJECTS);
            Sheet regions = book.getSheet(BulletinTables.REGIONS);
            assertThat(regions.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2023年1-4月各县市区固定资产投资增速");
            assertThat(regions.getRow(2).getCell(2).getStringCellValue()).isEqualTo("累计增速(%)");
            // Hand-worked from the fixture's corrected 1-4月 delivery: 全市 first, then the four units by growth,
            // then the nine units of the city that sent nothing — empty cells, not 0.
            Map<String, BigDecimal> expected = new LinkedHashMap<>();
            expected.put("全市", new BigDecimal("5.6"));
            expected.put("桃城区", new BigDecimal("9.5"));
            expected.put("景县", new BigDecimal("7.2"));
            expected.put("武强县", new BigDecimal("6.0"));
            expected.put("冀州区", new BigDecimal("-2.0"));
            List<String> silent = List.of("枣强县", "武邑县", "深州市", "饶阳县", "安平县", "故城县", "阜城县", "衡水高新区", "滨湖新区");
            Map<String, BigDecimal> shown = new LinkedHashMap<>();
            List<Integer> ranks = new ArrayList<>();
            for (int r = 3; r <= regions.getLastRowNum(); r++) {
                Row row = regions.getRow(r);
                if (row == null || row.getCell(1) == null || row.getCell(1).getCellType() != CellType.STRING) {
                    break; // the table has ended: the note follows
                }
                Cell growth = row.getCell(2);
                boolean blank = growth == null || growth.getCellType() == CellType.BLANK;
                if (!blank) {
                    assertThat(growth.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(growth.getCellStyle().getDataFormatString()).isEqualTo("0.0");
                }
                shown.put(
                        row.getCell(1).getStringCellValue(),
                        blank ? null : BigDecimal.valueOf(growth.getNumericCellValue()));
                Cell rank = row.getCell(0);
                ranks.add(
                        rank == null || rank.getCellType() == CellType.BLANK ? null : (int) rank.getNumericCellValue());
            }
            assertThat(new ArrayList<>(shown.keySet()).subList(0, 5)).containsExactlyElementsOf(expected.keySet());
            expected.forEach((name, g) -> assertThat(shown.get(name)).as(name).isEqualByComparingTo(g));
            assertThat(new ArrayList<>(shown.keySet()).subList(5, shown.size()))
                    .containsExactlyInAnyOrderElementsOf(silent);
            silent.forEach(name -> assertThat(shown.get(name)).as(name).isNull());
            assertThat(ranks.subList(0, 5)).containsExactly(null, 1, 2, 3, 4);
            assertThat(ranks.subList(5, ranks.size())).containsOnlyNulls();

            // The headline indicators mix units: a count is whole, a growth has one decimal.
            // P1 桃城区 and P3 武强县 are 省重点, P2 冀州区, P4 and P5 景县 市重点: 5 key projects; 全市 grew 5.6%.
            Sheet kpis = book.getSheet(BulletinTables.KPIS);
            Map<String, Cell> actual = new LinkedHashMap<>();
            for (int r = 3; r <= kpis.getLastRowNum(); r++) {
                Row row = kpis.getRow(r);
                if (row != null && row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING) {
                    actual.put(row.getCell(0).getStringCellValue(), row.getCell(2));
                }
            }
            assertThat(actual.get("省市重点项目个数").getNumericCellValue()).isEqualTo(5.0);
            assertThat(actual.get("省市重点项目个数").getCellStyle().getDataFormatString())
                    .isEqualTo("#,##0");
            assertThat(actual.get("全市固定资产投资增速").getNumericCellValue()).isEqualTo(5.6);
            assertThat(actual.get("全市固定资产投资增速").getCellStyle().getDataFormatString())
                    .isEqualTo("0.0");

            // and the same numbers are what gold.region_growth holds for the period
            spark().read()
                    .format("delta")
                    .load(warehouse(AnalystWarehouse.shared(SparkTest::warehouse))
                            .location("gold", "region_growth"))
                    .where("period = '2023-04'")
                    .select("region_name", "ytd_growth_pct")
                    .collectAsList()
                    .forEach(m -> {
                        if (m.isNullAt(1)) {
                            assertThat(shown.get(m.getString(0)))
                                    .as(m.getString(0))
                                    .isNull();
                        } else {
                            assertThat(shown.get(m.getString(0)))
                                    .as(m.getString(0))
                                    .isEqualByComparingTo(m.getDecimal(1));
                        }
                    });
        }
    }

    private static List<String> sheetNames(XSSFWorkbook book) {
        List<String> names = new ArrayList<>();
        book.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static String hex(java.awt.Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
