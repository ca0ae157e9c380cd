package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small hand-made stats file per format variation of docs/contract.md "Feeds", each checked down to the
 * silver values. Every expected value is worked out by hand in the comment beside its file.
 *
 * <p>A test whose question is "does this variation parse to these values" dry-runs its file
 * ({@code LoadJob.dryRun(true)}: the same reading, parsing, silver SQL and rules, nothing written) and
 * compares the rows the load would merge into silver ({@code lastPreview()}) and the load result. Only
 * the tests that check what a load records in a table (the load log's encoding or format, the quality
 * results of a warning) load for real: {@link #gbkCsv}, {@link #utf8WithBom}, {@link #parquetFile} and
 * the second file of {@link #growthComputedFromAmountsAndCheckedAgainstReported}. They share one
 * warehouse (each Delta table is created once) and look only at the rows of their own load
 * ({@code load_id}).
 */
class StatsFormatsTest extends StatsTestSupport {
    @TempDir
    static Path dir;

    private static Warehouse w;

    @BeforeAll
    static void openWarehouse() {
        w = warehouse(dir);
    }

    /** A real load: writes bronze, silver and ops. Only for the tests that check a table the load writes. */
    private static FileLoadResult load(Path file) {
        return LoadJob.on(w).execute(file);
    }

    /** A dry run: the load result and the rows silver would get, nothing written. */
    private static DryRun dryRun(Path file) {
        return DryRun.of(LoadJob.on(w), file);
    }

    private static void assertLoaded(FileLoadResult r, int rows, String... periods) {
        assertThat(r.status()).as("status of %s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed of %s", r.file()).isEqualTo("stats");
        assertThat(r.rowsRead()).as("rows read from %s", r.file()).isEqualTo(rows);
        assertThat(r.rowsLoaded()).as("rows loaded from %s", r.file()).isEqualTo(rows);
        assertThat(r.periods()).as("periods of %s", r.file()).containsExactly(periods);
    }

    /** (a) 单位 as the region header, 2023年1-6月 prefixes and (万元)/(%) suffixes on the others. */
    @Test
    void headerAliasesWithPeriodPrefixAndUnitSuffix() {
        // 桃城区 52500/50000 = +5.0 · 冀州区 20600/20000 = +3.0 · 全市 150000/140000 = +7.14 (reported 7.1)
        Path f = TestFiles.utf8(
                dir.resolve("a"),
                "a_header_aliases.csv",
                "2023年1-6月各县市区固定资产投资完成情况,,,",
                "单位:万元,,,",
                "单位,2023年1-6月累计完成(万元),上年同期累计(万元),增速(%)",
                "桃城区,52500,50000,5.0",
                "冀州区,20600,20000,3.0",
                "全市,150000,140000,7.1");
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 3, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131100", "all", dec("150000"), dec("140000"), 7.1, "reported"},
                        new Object[] {"2023-06", "131102", "all", dec("52500"), dec("50000"), 5.0, "reported"},
                        new Object[] {"2023-06", "131103", "all", dec("20600"), dec("20000"), 3.0, "reported"}),
                d.silver());
    }

    /** (b) The period from a 统计期 column, no title; one file may hold several periods in any form. */
    @Test
    void periodFromAPeriodColumn() {
        // 2023年1-6月 and 202306 are both June; 2023-05 is May. Growth as reported.
        Path f = TestFiles.utf8(
                dir.resolve("b"),
                "b_period_column.csv",
                "统计期,地区,本年累计,同比增长(%)",
                "2023年1-6月,桃城区,52500,5.0",
                "202306,冀州区,20600,3.0",
                "2023-05,桃城区,43050,4.9");
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 3, "2023-05", "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-05", "131102", "all", dec("43050"), null, 4.9, "reported"},
                        new Object[] {"2023-06", "131102", "all", dec("52500"), null, 5.0, "reported"},
                        new Object[] {"2023-06", "131103", "all", dec("20600"), null, 3.0, "reported"}),
                d.silver());
    }

    /** (c) The period from the title line; 县(市、区) header, 1-4月累计增速 prefix, region aliases. */
    @Test
    void periodFromTheTitleLine() {
        // 桃城 = 桃城区 131102, 景县 131127, 高新区 = 衡水高新区 131171; no amounts, growth as reported
        Path f = TestFiles.utf8(
                dir.resolve("c"),
                "c_title.csv",
                "2023年1-4月各县市区固定资产投资完成情况",
                "县(市、区),1-4月累计增速(%)",
                "桃城,6.1",
                "景县,7.2",
                "高新区,-3.4");
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 3, "2023-04");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-04", "131102", "all", null, null, 6.1, "reported"},
                        new Object[] {"2023-04", "131127", "all", null, null, 7.2, "reported"},
                        new Object[] {"2023-04", "131171", "all", null, null, -3.4, "reported"}),
                d.silver());
    }

    /** (d) Neither a period column nor a period in the title: load --period gives it. */
    @Test
    void periodOnlyFromTheOption() {
        // the title names no month; --period 2023-06. 武强县 25750/25000 = +3.0
        Path f = TestFiles.utf8(
                dir.resolve("d"),
                "d_option.csv",
                "各县市区固定资产投资完成情况",
                "地区,本年累计,上年同期,同比增长",
                "武强县,25750,25000,3.0",
                "饶阳县,18000,18000,0");
        DryRun d = DryRun.of(LoadJob.on(w).period(YearMonth.of(2023, 6)), f);
        FileLoadResult r = d.result();
        assertLoaded(r, 2, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131123", "all", dec("25750"), dec("25000"), 3.0, "reported"},
                        new Object[] {"2023-06", "131124", "all", dec("18000"), dec("18000"), 0.0, "reported"}),
                d.silver());
    }

    /** (e) Growth in words: 下降1.2 = −1.2, 1.5倍 = +150, -1.2, 增长5.3% = 5.3, 持平 = 0. */
    @Test
    void growthInWords() {
        Path f = TestFiles.utf8(
                dir.resolve("e"),
                "e_growth_words.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "县市区,同比增长(%)",
                "桃城区,下降1.2", // 131102 → −1.2
                "冀州区,1.5倍", // 131103 → 150
                "枣强县,-1.2", // 131121 → −1.2
                "武邑县,增长5.3%", // 131122 → 5.3
                "深州市,持平"); // 131182 → 0
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 5, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", null, null, -1.2, "reported"},
                        new Object[] {"2023-06", "131103", "all", null, null, 150.0, "reported"},
                        new Object[] {"2023-06", "131121", "all", null, null, -1.2, "reported"},
                        new Object[] {"2023-06", "131122", "all", null, null, 5.3, "reported"},
                        new Object[] {"2023-06", "131182", "all", null, null, 0.0, "reported"}),
                d.silver());
    }

    /** (f) 其中:/  其中： prefixes, full-width spaces, digits, commas, points and header brackets. */
    @Test
    void subItemPrefixesAndFullWidthCharacters() {
        // all rows 桃城区 131102 (the first written 桃　城　区 with full-width spaces), 2023-06 from a
        // full-width title: 合计 → all 10800 +8.0 · 工业 → industry 5000 +9.1 ·
        // 其中：工业技术改造 → industry_techrenov 1200, 1.5倍 = +150 · 其中:民间投资 → private 800 −2.5
        Path f = TestFiles.utf8(
                dir.resolve("f"),
                "f_full_width.csv",
                "２０２３年１－６月各县市区分行业固定资产投资完成情况",
                "地　区,行业领域,本年累计（万元）,同比增长（％）",
                "桃　城　区,合计,１０，８００,８．０",
                "桃城区,工业,\"5,000\",９．１",
                "桃城区,  其中：工业技术改造,1200,1.5倍",
                "桃城区,其中:民间投资,８００,－２．５");
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 4, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", dec("10800"), null, 8.0, "reported"},
                        new Object[] {"2023-06", "131102", "industry", dec("5000"), null, 9.1, "reported"},
                        new Object[] {"2023-06", "131102", "industry_techrenov", dec("1200"), null, 150.0, "reported"},
                        new Object[] {"2023-06", "131102", "private", dec("800"), null, -2.5, "reported"}),
                d.silver());
    }

    /** (g) A GBK CSV (the usual Windows export), with a trailing 合计 row. */
    @Test
    void gbkCsv() {
        // 桃城区 52500/50000 = +5.0 · 饶阳县 9800/10000 = −2.0 (下降2.0) · 合计 = 全市 150000/140000 = +7.14 (7.1)
        Path f = TestFiles.csv(
                dir.resolve("g"),
                "g_gbk.csv",
                Charset.forName("GBK"),
                false,
                "2023年1-6月各县市区固定资产投资完成情况",
                "单位:万元",
                "县市区,本年累计,上年同期,累计增速(%)",
                "桃城区,52500,50000,5.0",
                "饶阳县,9800,10000,下降2.0",
                "合计,150000,140000,7.1");
        FileLoadResult r = load(f);
        assertLoaded(r, 3, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL + ", region_name STRING",
                        new Object[] {"2023-06", "131100", "all", dec("150000"), dec("140000"), 7.1, "reported", "全市"},
                        new Object[] {"2023-06", "131102", "all", dec("52500"), dec("50000"), 5.0, "reported", "桃城区"},
                        new Object[] {"2023-06", "131124", "all", dec("9800"), dec("10000"), -2.0, "reported", "饶阳县"}),
                silverOf(r.loadId(), "region_name"));
        assertThat(loadLog(r.loadId()).getString(6))
                .as("encoding recorded in the load log")
                .isEqualTo("GBK");
    }

    /** (h) UTF-8 with BOM right before the first header cell (统计期), which must still be recognised. */
    @Test
    void utf8WithBom() {
        // 2023-09, used by no other test here (two files giving one row merge): 桃城区 +5.0, 阜城县 131128 +6.6; the period
        // comes from the 统计期 column next to the BOM
        Path f = TestFiles.csv(
                dir.resolve("h"),
                "h_bom.csv",
                StandardCharsets.UTF_8,
                true,
                "统计期,县市区,同比增长(%)",
                "2023-09,桃城区,5.0",
                "2023-09,阜城县,6.6");
        FileLoadResult r = load(f);
        assertLoaded(r, 2, "2023-09");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-09", "131102", "all", null, null, 5.0, "reported"}, new Object[] {
                    "2023-09", "131128", "all", null, null, 6.6, "reported"
                }),
                silverOf(r.loadId()));
        assertThat(loadLog(r.loadId()).getString(6))
                .as("encoding recorded in the load log")
                .isEqualTo("UTF-8-BOM");
    }

    /** (i) An xlsx with numeric cells and a date cell as the period. */
    @Test
    void xlsxWithNumericCells() {
        // 2023-06-30 → 2023-06. 桃城区 52500.5/50000 = +5.001 (reported 5.0) · 安平县 12345.67/11000 = +12.23
        // (reported 12.2) · 故城县 8000/8000 = 0 (numeric 0)
        Path f = TestFiles.xlsx(
                dir.resolve("i"),
                "i_numeric.xlsx",
                List.of(
                        List.of("统计期", "县市区", "本年累计", "上年同期", "同比增长(%)"),
                        List.of(LocalDate.of(2023, 6, 30), "桃城区", 52500.5, 50000, 5.0),
                        List.of(LocalDate.of(2023, 6, 30), "安平县", 12345.67, 11000, 12.2),
                        List.of(LocalDate.of(2023, 6, 30), "故城县", 8000, 8000, 0)));
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 3, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", dec("52500.5"), dec("50000"), 5.0, "reported"},
                        new Object[] {"2023-06", "131125", "all", dec("12345.67"), dec("11000"), 12.2, "reported"},
                        new Object[] {"2023-06", "131126", "all", dec("8000"), dec("8000"), 0.0, "reported"}),
                d.silver());
    }

    /** An xlsx whose growth cells are numbers formatted as percent: 0.053 shown as 5.3% is 5.3. */
    @Test
    void xlsxPercentFormattedGrowth() throws IOException {
        // 桃城区 0.053 in a 0.0% cell = 5.3 · 冀州区 -0.012 = −1.2
        Path f = dir.resolve("i2").resolve("i2_percent.xlsx");
        Files.createDirectories(f.getParent());
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(f)) {
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("0.0%"));
            Sheet s = wb.createSheet("Sheet1");
            s.createRow(0).createCell(0).setCellValue("2023年1-6月各县市区固定资产投资完成情况");
            s.createRow(1).createCell(0).setCellValue("县市区");
            s.getRow(1).createCell(1).setCellValue("同比增长");
            Object[][] data = {{"桃城区", 0.053}, {"冀州区", -0.012}};
            for (int i = 0; i < data.length; i++) {
                var row = s.createRow(2 + i);
                row.createCell(0).setCellValue((String) data[i][0]);
                var c = row.createCell(1);
                c.setCellValue((Double) data[i][1]);
                c.setCellStyle(pct);
            }
            wb.write(out);
        }
        DryRun d = dryRun(f);
        FileLoadResult r = d.result();
        assertLoaded(r, 2, "2023-06");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-06", "131102", "all", null, null, 5.3, "reported"}, new Object[] {
                    "2023-06", "131103", "all", null, null, -1.2, "reported"
                }),
                d.silver());
    }

    /** (j) 单位:亿元 converts to 万元 (×10000); a header's own (亿元) wins over a 单位:万元 line. */
    @Test
    void unitLineAndHeaderUnit() {
        // 单位:亿元 file, 2023-06: 桃城区 5.25亿 = 52500万 / 5亿 = 50000万 · 冀州区 2.06亿 = 20600万 / 2亿 = 20000万
        Path yi = TestFiles.utf8(
                dir.resolve("j"),
                "j_yi.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "单位:亿元",
                "县市区,本年累计,上年同期,同比增长(%)",
                "桃城区,5.25,5,5.0",
                "冀州区,2.06,2,3.0");
        // 单位:万元 line but 本年累计(亿元), 2023-05: 桃城区 4.2亿 = 42000万; 上年同期 stays 40000万 (+5.0)
        Path mixed = TestFiles.utf8(
                dir.resolve("j"),
                "j_header_unit.csv",
                "2023年1-5月各县市区固定资产投资完成情况",
                "单位:万元",
                "县市区,本年累计(亿元),上年同期,同比增长(%)",
                "桃城区,4.2,40000,5.0");
        DryRun d1 = dryRun(yi);
        DryRun d2 = dryRun(mixed);
        FileLoadResult r1 = d1.result();
        FileLoadResult r2 = d2.result();
        assertLoaded(r1, 2, "2023-06");
        assertLoaded(r2, 1, "2023-05");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", dec("52500"), dec("50000"), 5.0, "reported"},
                        new Object[] {"2023-06", "131103", "all", dec("20600"), dec("20000"), 3.0, "reported"}),
                d1.silver());
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-05", "131102", "all", dec("42000"), dec("40000"), 5.0, "reported"
                }),
                d2.silver());
    }

    /** (k) Only amounts: growth computed. Reported and computed growth 0.5 apart: loads with a warning. */
    @Test
    void growthComputedFromAmountsAndCheckedAgainstReported() {
        // periods of their own (2023-10, 2023-11) so no other test's rows are in silver to compare with.
        // no growth column, 2023-10: 桃城区 54000/50000 − 1 = +8.0 · 冀州区 19400/20000 − 1 = −3.0
        Path amounts = TestFiles.utf8(
                dir.resolve("k"),
                "k_amounts_only.csv",
                "2023年1-10月各县市区固定资产投资完成情况",
                "县市区,本年累计(万元),上年同期(万元)",
                "桃城区,54000,50000",
                "冀州区,19400,20000");
        // 2023-11: 桃城区 row 3 reports 8.5 where 54000/50000 gives 8.0 (0.5 apart → warning, 8.5 kept);
        // 冀州区 20600/20000 = 3.0 as reported
        Path differing = TestFiles.utf8(
                dir.resolve("k"),
                "k_differing.csv",
                "2023年1-11月各县市区固定资产投资完成情况",
                "县市区,本年累计(万元),上年同期(万元),同比增长(%)",
                "桃城区,54000,50000,8.5",
                "冀州区,20600,20000,3.0");
        // the amounts-only file is about parsing (dry run); the differing one about what a warning records
        // in ops.dq_results and the load log (real load)
        DryRun d1 = dryRun(amounts);
        FileLoadResult r1 = d1.result();
        FileLoadResult r2 = load(differing);

        assertLoaded(r1, 2, "2023-10");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-10", "131102", "all", dec("54000"), dec("50000"), 8.0, "computed"},
                        new Object[] {"2023-10", "131103", "all", dec("19400"), dec("20000"), -3.0, "computed"}),
                d1.silver());
        d1.preview().createOrReplaceTempView("k_amounts_preview");
        assertDataFrameEquals(
                rows("reported_growth_pct DOUBLE, computed_growth_pct DOUBLE", new Object[] {null, 8.0}, new Object[] {
                    null, -3.0
                }),
                spark().sql("SELECT reported_growth_pct, round(computed_growth_pct, 6) AS computed_growth_pct "
                        + "FROM k_amounts_preview WHERE load_id = '" + r1.loadId() + "' ORDER BY region_code"));
        assertThat(r1.rowsWarned())
                .as("no growth given, nothing to disagree with")
                .isZero();

        assertThat(r2.status()).as("warnings still load: %s", r2.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r2.rowsLoaded()).as("both rows load").isEqualTo(2);
        assertThat(r2.rowsWarned()).as("only 桃城区 is warned").isEqualTo(1);
        assertDataFrameEquals(
                rows(
                        SILVER_DDL + ", computed_growth_pct DOUBLE",
                        new Object[] {"2023-11", "131102", "all", dec("54000"), dec("50000"), 8.5, "reported", 8.0},
                        new Object[] {"2023-11", "131103", "all", dec("20600"), dec("20000"), 3.0, "reported", 3.0}),
                silverOf(r2.loadId(), "round(computed_growth_pct, 6) AS computed_growth_pct"));
        List<Row> dq = spark().sql("SELECT rule_id, action, rows, example FROM ops.dq_results WHERE load_id = '"
                        + r2.loadId() + "'")
                .collectAsList();
        assertThat(dq).as("quality results of the load").hasSize(1);
        assertThat(dq.get(0).getString(0)).as("rule").isEqualTo("growth_consistent");
        assertThat(dq.get(0).getString(1)).as("action").isEqualTo("warn");
        assertThat(dq.get(0).getInt(2)).as("rows").isEqualTo(1);
        assertThat(dq.get(0).getString(3))
                .as("example message")
                .contains("k_differing.csv", "第3行", "填报增速 8.5% 与按累计额计算的 8.0% 相差超过0.1个百分点");
        assertThat(loadLog(r2.loadId()).getInt(3))
                .as("rows_warned in the load log")
                .isEqualTo(1);
    }

    /** "More than 0.1 point": growth exactly 0.1 apart from the amounts' ratio is no warning. */
    @Test
    void growthExactlyOneTenthApartIsNotWarned() {
        // 桃城区 10430/10000 = +4.3, reported 4.4: 0.1 apart · 冀州区 20600/20000 = +3.0, reported 3.1: 0.1 apart
        Path f = TestFiles.utf8(
                dir.resolve("k2"),
                "k_boundary.csv",
                "2023年1-4月各县市区固定资产投资完成情况",
                "县市区,本年累计(万元),上年同期(万元),同比增长(%)",
                "桃城区,10430,10000,4.4",
                "冀州区,20600,20000,3.1");
        FileLoadResult r = dryRun(f).result();
        assertLoaded(r, 2, "2023-04");
        assertThat(r.rowsWarned()).as("0.1 apart is not more than 0.1").isZero();
    }

    /** (l) No region column: the rows are 全市 (131100). No sector column: sector all. */
    @Test
    void missingRegionOrSectorColumn() {
        // city-wide by sector, 2023-06: 全部 → all +7.1 · 工业 → industry +9.1 · 房地产 → real_estate 下降3.5 = −3.5
        Path bySector = TestFiles.utf8(
                dir.resolve("l"),
                "l_by_sector.csv",
                "2023年1-6月全市分行业固定资产投资完成情况",
                "行业领域,本年累计(万元),同比增长(%)",
                "全部,150000,7.1",
                "工业,60000,9.1",
                "房地产,20000,下降3.5");
        // by region only, 2023-05: 滨湖新区 131172 +8.8 · 市直 = 市本级 131199 +4.0
        Path byRegion = TestFiles.utf8(
                dir.resolve("l"), "l_by_region.csv", "2023年1-5月各县市区固定资产投资完成情况", "县市区,同比增长(%)", "滨湖新区,8.8", "市直,4.0");
        DryRun d1 = dryRun(bySector);
        DryRun d2 = dryRun(byRegion);
        FileLoadResult r1 = d1.result();
        FileLoadResult r2 = d2.result();
        assertLoaded(r1, 3, "2023-06");
        assertLoaded(r2, 2, "2023-05");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131100", "all", dec("150000"), null, 7.1, "reported"},
                        new Object[] {"2023-06", "131100", "industry", dec("60000"), null, 9.1, "reported"},
                        new Object[] {"2023-06", "131100", "real_estate", dec("20000"), null, -3.5, "reported"}),
                d1.silver());
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-05", "131172", "all", null, null, 8.8, "reported"}, new Object[] {
                    "2023-05", "131199", "all", null, null, 4.0, "reported"
                }),
                d2.silver());
    }

    /** (m) A Parquet export: typed columns (double, null) read as text, period from a 统计期 column. */
    @Test
    void parquetFile() throws IOException {
        // 2023年1-6月: 桃城区 52500/50000 reported +5.0 · 景县 30000/31250 − 1 = −4.0 computed (growth null)
        Path out = dir.resolve("m").resolve("written");
        spark().createDataFrame(
                        List.of(
                                RowFactory.create("2023年1-6月", "桃城区", 52500.0, 50000.0, 5.0),
                                RowFactory.create("2023年1-6月", "景县", 30000.0, 31250.0, null)),
                        StructType.fromDDL("`统计期` STRING, `县市区` STRING, `本年累计` DOUBLE, `上年同期` DOUBLE, `同比增长` DOUBLE"))
                .coalesce(1)
                .write()
                .parquet(out.toString());
        Path part;
        try (Stream<Path> files = Files.list(out)) {
            part = files.filter(p -> p.getFileName().toString().matches("part-.*\\.parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        Path f = Files.copy(
                part, Files.createDirectories(dir.resolve("m").resolve("in")).resolve("m_stats.parquet"));
        FileLoadResult r = load(f);
        assertLoaded(r, 2, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", dec("52500"), dec("50000"), 5.0, "reported"},
                        new Object[] {"2023-06", "131127", "all", dec("30000"), dec("31250"), -4.0, "computed"}),
                silverOf(r.loadId()));
        assertThat(loadLog(r.loadId()).getString(6))
                .as("format recorded in the load log")
                .isEqualTo("parquet");
    }
}
