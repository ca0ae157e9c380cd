package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbooks as bureaus deliver them: old-format .xls, several sheets, two-level headers with merged
 * cells. Each is dry-run and compared with the silver rows its plain equivalent gives, worked out by hand
 * beside the fixture.
 */
class WorkbookLayoutsTest extends StatsTestSupport {
    @TempDir
    static Path dir;

    private static Warehouse w;

    @BeforeAll
    static void openWarehouse() {
        w = warehouse(dir);
    }

    private static DryRun dryRun(Path file) {
        return DryRun.of(LoadJob.on(w), file);
    }

    /**
     * The silver rows of {@link StatsFixture#march} (the plain CSV), by hand: 桃城区 16500/15000 = +10.0,
     * 冀州区 7440/8000 = −7.0, 武强县 6300/6000 = +5.0, 全市 30240/29000 = +4.3, all growth as reported;
     * source_row is the row in the file (title 1, unit 2, header 3, units 4–6, a blank 7, 全市 8).
     */
    private static Dataset<Row> marchSilver() {
        return rows(
                SILVER_DDL + ", source_row INT",
                new Object[] {"2023-03", "131100", "all", dec("30240"), dec("29000"), 4.3, "reported", 8},
                new Object[] {"2023-03", "131102", "all", dec("16500"), dec("15000"), 10.0, "reported", 4},
                new Object[] {"2023-03", "131103", "all", dec("7440"), dec("8000"), -7.0, "reported", 5},
                new Object[] {"2023-03", "131123", "all", dec("6300"), dec("6000"), 5.0, "reported", 6});
    }

    /** {@link StatsFixture#march} as a workbook with numeric cells; 全市's amounts are SUM formulas. */
    private static WorkbookFixture marchWorkbook() {
        return new WorkbookFixture()
                .sheet("Sheet1")
                .row("2023年1-3月各县市区固定资产投资完成情况")
                .row("单位:万元")
                .row("地区", "累计完成", "上年同期累计", "同比增长(%)")
                .row("桃城区", 16500, 15000, 10.0)
                .row("冀州区", 7440, 8000, "下降7.0")
                .row("武强县", 6300, 6000, 5.0)
                .row()
                // cached values 16500+7440+6300 = 30240 and 15000+8000+6000 = 29000, as in the CSV
                .row("全市", "=SUM(B4:B6)", "=SUM(C4:C6)", 4.3);
    }

    private static void assertLoaded(FileLoadResult r, int rows, String... periods) {
        assertThat(r.status()).as("status of %s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).isEqualTo("stats");
        assertThat(r.rowsLoaded()).as("rows loaded from %s", r.file()).isEqualTo(rows);
        assertThat(r.periods()).containsExactly(periods);
    }

    /** An old-format .xls (HSSF) with the content of the plain March CSV loads to the same silver rows. */
    @Test
    void xlsLoadsLikeItsPlainEquivalent() {
        DryRun d = dryRun(marchWorkbook().write(dir.resolve("xls"), "2023年1-3月各县市区固定资产投资.xls"));
        assertLoaded(d.result(), 4, "2023-03");
        assertDataFrameEquals(marchSilver(), d.silver("source_row"));
    }

    /** A date cell as the period and a formula growth, in .xls: 2023-06-30 → 2023-06. */
    @Test
    void xlsDatesAndFormulas() {
        // 桃城区 52500.5/50000 = +5.001, reported 5.0 · 故城县 the growth cell is =ROUND((8400/8000-1)*100,1) = 5.0
        Path f = new WorkbookFixture()
                .sheet("Sheet1")
                .row("统计期", "县市区", "本年累计", "上年同期", "同比增长(%)")
                .row(LocalDate.of(2023, 6, 30), "桃城区", 52500.5, 50000, 5.0)
                .row(LocalDate.of(2023, 6, 30), "故城县", 8400, 8000, "=ROUND((C3/D3-1)*100,1)")
                .write(dir.resolve("xls2"), "dates.xls");
        DryRun d = dryRun(f);
        assertLoaded(d.result(), 2, "2023-06");
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-06", "131102", "all", dec("52500.5"), dec("50000"), 5.0, "reported"},
                        new Object[] {"2023-06", "131126", "all", dec("8400"), dec("8000"), 5.0, "reported"}),
                d.silver());
    }

    /** An .xls with an opening password (RC4, as Excel 2003 writes it) is refused, naming the file. */
    @Test
    void passwordProtectedXlsIsRefused() throws IOException {
        Path f = dir.resolve("pw").resolve("加密.xls");
        Files.createDirectories(f.getParent());
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(f)) {
            marchWorkbook().fill(wb);
            Biff8EncryptionKey.setCurrentUserPassword("secret");
            wb.write(out);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        FileLoadResult r = dryRun(f).result();
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons())
                .singleElement()
                .asString()
                .startsWith("加密.xls: ")
                .contains("密码");
    }

    /** An .xlsx encrypted with a password (agile encryption, as Excel 2010+ writes it) is refused. */
    @Test
    void passwordProtectedXlsxIsRefused() throws Exception {
        Path f = dir.resolve("pw").resolve("加密.xlsx");
        Files.createDirectories(f.getParent());
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor enc = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            enc.confirmPassword("secret");
            try (XSSFWorkbook wb = new XSSFWorkbook();
                    OutputStream os = enc.getDataStream(fs)) {
                marchWorkbook().fill(wb);
                wb.write(os);
            }
            try (OutputStream out = Files.newOutputStream(f)) {
                fs.writeFilesystem(out);
            }
        }
        FileLoadResult r = dryRun(f).result();
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons())
                .singleElement()
                .asString()
                .startsWith("加密.xlsx: ")
                .contains("密码");
    }

    /** A damaged .xls (not a workbook at all) is refused with a message the clerk can act on. */
    @Test
    void damagedXlsIsRefused() throws IOException {
        Path f = dir.resolve("bad").resolve("损坏.xls");
        Files.createDirectories(f.getParent());
        Files.write(f, "这不是一个工作簿".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FileLoadResult r = dryRun(f).result();
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons())
                .singleElement()
                .asString()
                .startsWith("损坏.xls: ")
                .contains("已损坏");
    }

    /**
     * A workbook as a bureau sends it: a 填报说明 sheet first, the March stats by region on the second,
     * an empty sheet, the March stats by sector on the fourth. Both feeds load, one load and one report
     * line per sheet (source_file names the sheet); the two other sheets are skipped, saying so.
     */
    @Test
    void everySheetThatIsAFeedLoadsAndTheOthersAreSkipped() {
        WorkbookFixture wb = new WorkbookFixture()
                .sheet("填报说明")
                .row("填报说明")
                .row("1. 本表由各县市区统计局填报,每月5日前报送。")
                .row("2. 金额单位为万元,增速保留一位小数。");
        WorkbookFixture march = marchWorkbook();
        wb.sheet("分县市区");
        march.copyRowsTo(wb);
        Path f = wb.sheet("Sheet3")
                .sheet("分行业")
                // StatsFixture.marchBySector: 全部 4.3, 工业 9.1, 其中:工业技术改造 1.5倍 = +150,
                // 交通运输 下降2.0 = −2.0, 其中:民间投资 −0.5; city-wide (131100), no amounts
                .row("2023年1-3月全市分行业固定资产投资情况")
                .row("行业领域", "同比增长(%)")
                .row("固定资产投资", 4.3)
                .row("工业", 9.1)
                .row("  其中：工业技术改造", "1.5倍")
                .row("交通运输", "下降2.0")
                .row("  其中：民间投资", -0.5)
                .write(dir.resolve("sheets"), "2023年1-3月固定资产投资.xlsx");

        List<FileLoadResult> results = LoadJob.on(w).executeEach(f);

        assertThat(results)
                .extracting(FileLoadResult::file)
                .containsExactly("2023年1-3月固定资产投资.xlsx#分县市区", "2023年1-3月固定资产投资.xlsx#分行业");
        results.forEach(r -> assertLoaded(r, r == results.get(0) ? 4 : 5, "2023-03"));
        assertThat(results.get(0).reasons())
                .containsExactly(
                        "2023年1-3月固定资产投资.xlsx: 工作表「填报说明」没有可识别的表头(封面、填报说明、目录之类),不是数据表,已跳过",
                        "2023年1-3月固定资产投资.xlsx: 工作表「Sheet3」是空的,已跳过");
        // the skipped sheets are on record in ops.load_log too, with the first sheet's load; the second's has none
        assertThat(spark().sql("SELECT source_file, message FROM ops.load_log WHERE load_id IN ('"
                                + results.get(0).loadId() + "', '"
                                + results.get(1).loadId() + "') ORDER BY source_file")
                        .collectAsList())
                .satisfiesExactly(
                        first -> {
                            assertThat(first.getString(0)).isEqualTo("2023年1-3月固定资产投资.xlsx#分县市区");
                            assertThat(first.getString(1)).contains("工作表「填报说明」", "工作表「Sheet3」是空的,已跳过");
                        },
                        second -> {
                            assertThat(second.getString(0)).isEqualTo("2023年1-3月固定资产投资.xlsx#分行业");
                            assertThat(second.isNullAt(1) ? "" : second.getString(1))
                                    .doesNotContain("已跳过");
                        });
        // both sheets deliver the 全市 all-sectors row: the by-sector sheet, loaded second, replaces it and
        // keeps the amounts only the by-region sheet gave (30240/29000); its growth 4.3 is the same
        assertDataFrameEquals(
                marchSilver().where("region_code <> '131100'"),
                silverOf(results.get(0).loadId(), "source_row"));
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-03", "131100", "all", dec("30240"), dec("29000"), 4.3, "reported"},
                        new Object[] {"2023-03", "131100", "industry", null, null, 9.1, "reported"},
                        new Object[] {"2023-03", "131100", "industry_techrenov", null, null, 150.0, "reported"},
                        new Object[] {"2023-03", "131100", "private", null, null, -0.5, "reported"},
                        new Object[] {"2023-03", "131100", "transport", null, null, -2.0, "reported"}),
                silverOf(results.get(1).loadId()));
        assertThat(spark().sql("SELECT DISTINCT source_file FROM bronze.stats WHERE load_id = '"
                                + results.get(1).loadId() + "'")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList())
                .containsExactly("2023年1-3月固定资产投资.xlsx#分行业");

        // the same workbook again is recognised sheet by sheet, and nothing is loaded twice
        assertThat(LoadJob.on(w).executeEach(f))
                .extracting(FileLoadResult::status)
                .containsExactly(FileLoadResult.Status.SKIPPED, FileLoadResult.Status.SKIPPED);
    }

    /** A cover sheet in front of the data: the data sheet loads as the plain March file does. */
    @Test
    void coverSheetBeforeTheData() {
        WorkbookFixture wb = new WorkbookFixture().sheet("封面").row("衡水市统计局").row("2023年1-3月固定资产投资统计资料");
        wb.sheet("数据");
        marchWorkbook().copyRowsTo(wb);
        List<FileLoadResult> results =
                LoadJob.on(w).dryRun(true).executeEach(wb.write(dir.resolve("cover"), "封面在前.xls"));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("封面在前.xls#数据");
            assertLoaded(r, 4, "2023-03");
            assertThat(r.reasons()).singleElement().asString().contains("工作表「封面」", "已跳过");
        });
    }

    /** No sheet is a feed: the file is refused, saying so and what the closest sheet's header lacks. */
    @Test
    void noSheetIsAFeed() {
        Path f = new WorkbookFixture()
                .sheet("封面")
                .row("2023年统计资料")
                .sheet("目录")
                .row("地区", "备注")
                .row("桃城区", "")
                .write(dir.resolve("none"), "无数据.xlsx");
        List<FileLoadResult> results = LoadJob.on(w).dryRun(true).executeEach(f);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
            assertThat(r.file()).isEqualTo("无数据.xlsx#目录");
            assertThat(r.reasons().get(0)).isEqualTo("无数据.xlsx: 工作簿的 2 张工作表中没有一张是可识别的数据表");
            assertThat(r.reasons()).anyMatch(m -> m.contains("工作表「封面」") && m.contains("已跳过"));
            assertThat(r.reasons()).anyMatch(m -> m.startsWith("无数据.xlsx#目录: 无法识别数据类别"));
        });
    }

    /**
     * The June by-region table as statistical offices lay it out, and its plain equivalent. By hand:
     * 桃城区 52500/50000 = +5.0, 冀州区 20600/20000 = +3.0, 武强县 6150/6000 = +2.5, growth as reported,
     * period 2023-06 from the title; the delivered 位次 (1, 2, 3) is left out.
     */
    private static Dataset<Row> juneSilver() {
        return rows(
                SILVER_DDL,
                new Object[] {"2023-06", "131102", "all", dec("52500"), dec("50000"), 5.0, "reported"},
                new Object[] {"2023-06", "131103", "all", dec("20600"), dec("20000"), 3.0, "reported"},
                new Object[] {"2023-06", "131123", "all", dec("6150"), dec("6000"), 2.5, "reported"});
    }

    /**
     * A two-level header with merged cells, in an old .xls: 县(市、区) merged over both header rows, 1-6月
     * spanning 累计完成 | 同比增长(%), 上年同期累计 and 位次 merged down. The levels join into one name per
     * column (1-6月/同比增长(%) is the growth column); 位次 is recognised, left out and said so.
     */
    @Test
    void twoLevelHeader() {
        Path plain = org.investlake.TestFiles.utf8(
                dir.resolve("plain"),
                "2023年1-6月各县市区固定资产投资.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "单位:万元",
                "县市区,累计完成,同比增长(%),上年同期累计",
                "桃城区,52500,5.0,50000",
                "冀州区,20600,3.0,20000",
                "武强县,6150,2.5,6000");
        assertDataFrameEquals(juneSilver(), dryRun(plain).silver());
        Path f = new WorkbookFixture()
                .sheet("Sheet1")
                .row("2023年1-6月各县市区固定资产投资完成情况")
                .merge("A1:E1")
                .row("单位:万元")
                .row("县(市、区)", "1-6月", null, "上年同期累计", "位次")
                .row(null, "累计完成", "同比增长(%)")
                .merge("A3:A4")
                .merge("B3:C3")
                .merge("D3:D4")
                .merge("E3:E4")
                .row("桃城区", 52500, 5.0, 50000, 1)
                .row("冀州区", 20600, 3.0, 20000, 2)
                .row("武强县", 6150, 2.5, 6000, 3)
                .write(dir.resolve("band"), "两级表头.xls");
        DryRun d = dryRun(f);
        assertLoaded(d.result(), 3, "2023-06");
        assertThat(d.result().reasons()).containsExactly("两级表头.xls: 「位次」列是报送方排出的名次,未入库:排名由本系统按增速计算,并与报送的名次比对(不一致时警告)");
        assertDataFrameEquals(juneSilver(), d.silver());
    }

    /**
     * No title line: the period is taken from the cell spanning the amount and growth columns
     * (2023年1-6月), as from a title; 排名 and 备注 are left out. Same silver rows as the plain file.
     */
    @Test
    void periodFromTheSpanningCell() {
        Path f = new WorkbookFixture()
                .sheet("Sheet1")
                .row("地区", "2023年1-6月", null, "上年同期", "排名", "备注")
                .row(null, "本年累计(万元)", "增速(%)", null, null, null)
                .merge("A1:A2")
                .merge("B1:C1")
                .merge("D1:D2")
                .merge("E1:E2")
                .merge("F1:F2")
                .row("桃城区", 52500, 5.0, 50000, 1, "")
                .row("冀州区", 20600, 3.0, 20000, 2, "含高新区部分项目")
                .row("武强县", 6150, 2.5, 6000, 3, "")
                .write(dir.resolve("span"), "分县市区.xlsx");
        DryRun d = dryRun(f);
        assertLoaded(d.result(), 3, "2023-06");
        assertThat(d.result().reasons()).hasSize(2).allMatch(m -> m.contains("未入库"));
        assertDataFrameEquals(juneSilver(), d.silver());
    }

    /**
     * A delivered rank that disagrees with the growth is warned, never trusted. By hand: growth 5.0 >
     * 3.0 > 2.5 ranks 桃城区 1, 冀州区 2, 武强县 3; the file prints 1, 3, 2, so rows 4 (冀州区, printed 3)
     * and 5 (武强县, printed 2) are warned; the rows load as delivered, the same silver as the plain file.
     */
    @Test
    void aDeliveredRankThatDisagreesWithTheGrowthIsWarned() {
        Path f = new WorkbookFixture()
                .sheet("Sheet1")
                .row("地区", "2023年1-6月", null, "上年同期", "排名")
                .row(null, "本年累计(万元)", "增速(%)", null, null)
                .merge("A1:A2")
                .merge("B1:C1")
                .merge("D1:D2")
                .merge("E1:E2")
                .row("桃城区", 52500, 5.0, 50000, 1)
                .row("冀州区", 20600, 3.0, 20000, 3)
                .row("武强县", 6150, 2.5, 6000, "第2名")
                .write(dir.resolve("rank"), "位次不符.xlsx");
        DryRun d = dryRun(f);
        assertLoaded(d.result(), 3, "2023-06");
        assertThat(d.result().reasons())
                .contains(
                        "警告 位次不符.xlsx 第4行 排名: 报送的位次 3 与按增速排出的位次 2(增速 3.0%) 不一致(系统按增速排名,报送的位次未入库),请核对位次或增速",
                        "警告 位次不符.xlsx 第5行 排名: 报送的位次 2 与按增速排出的位次 3(增速 2.5%) 不一致(系统按增速排名,报送的位次未入库),请核对位次或增速");
        assertThat(d.result().reasons()).noneMatch(m -> m.contains("第3行"));
        assertDataFrameEquals(juneSilver(), d.silver());
    }

    /**
     * The same two-level header saved as CSV, where the merges are lost: 2023年1-6月 over a blank cell,
     * 本年累计 | 增速 below, 地区 / 上年同期 / 位次 with nothing below them. Read as if merged: the same
     * silver rows as the plain file, the period from the group cell.
     */
    @Test
    void twoLevelHeaderWithoutMergedCells() {
        Path f = org.investlake.TestFiles.utf8(
                dir.resolve("unmerged"),
                "分县市区.csv",
                "地区,2023年1-6月,,上年同期,位次",
                ",本年累计(万元),增速(%),,",
                "桃城区,52500,5.0,50000,1",
                "冀州区,20600,3.0,20000,2",
                "武强县,6150,2.5,6000,3");
        DryRun d = dryRun(f);
        assertLoaded(d.result(), 3, "2023-06");
        assertDataFrameEquals(juneSilver(), d.silver());
    }
}
