package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.marts.BuildJob;
import org.investlake.storage.Warehouse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The June bulletin of a small warehouse where the city is above target: statistics for 1-5月 and 1-6月, the
 * sectors for 1-6月, the project library for June, and no special-bond data for June (a feed not yet arrived).
 *
 * <pre>
 * ytd growth %   滨湖新区  桃城区  故城县  冀州区  全市     (targets 8.5, 7.5, 7.5, 7.0; 全市 7.0)
 * 1-5月            10.0    8.0    7.0    9.0   7.0
 * 1-6月            12.0    9.0    8.0    5.5   7.4
 * 1-6月 (更正)      12.0    9.0    8.0    6.0   7.6   loaded by the last test only
 * </pre>
 * June by hand: ranks 滨湖新区 1, 桃城区 2, 故城县 3, 冀州区 4; gaps +3.5, +1.5, +0.5, −1.5 (3 meet the target,
 * 1 does not); 冀州区 fell 5.5 − 9.0 = −3.5 points (≥ 3: 回落预警); 全市 7.4 − 7.0 = +0.4 above target and
 * 7.4 − 7.0 = +0.4 on May. The other nine units sent nothing: their growth is missing, never 0.
 * Sectors 1-6月: 工业 9.1 (target 7.0, meets), 交通运输 −2.0 (target 8.5, gap −10.5), 能源 8.6 (8.0, meets),
 * 民间投资 −0.5 (no target).
 * Projects (June, time progress 6/12 = 50%): P1 桃城区 省重点 续建 plan 40000 done 20000 (50%: green);
 * P2 冀州区 市重点 新开工 planned 2023-02, not started (4 months late: red; 李副市长, 冀州区商务局); P3 景县 市重点 续建
 * plan 9000 done 3000 (33.3%, 16.7 points behind: yellow; 孙局长, 景县住建局). Key projects 3 (target 420);
 * completed 20000 + 0 + 3000 = 23000万 = 2.30亿 against 370亿: 0.6%, 50.0 − 0.6 = 49.4 points behind 序时进度;
 * the one planned 新开工 key project (P2) has not started: start rate 0.0%.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulletinTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;
    static Bulletins.Written first;
    static Document page;

    private static final String PROJECTS_HEADER = "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(万元),"
            + "年度计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份";

    @BeforeAll
    static void writeJuneBulletin() throws Exception {
        w = warehouse(dir);
        Path in = dir.resolve("in");
        // the three files as one batch, as `run --inbox` loads them
        deliverAll(
                TestFiles.utf8(
                        in,
                        "2023年1-6月各县市区固定资产投资.csv",
                        "统计期,县市区,累计增速(%)",
                        "2023-05,滨湖新区,10.0",
                        "2023-05,桃城区,8.0",
                        "2023-05,故城县,7.0",
                        "2023-05,冀州区,9.0",
                        "2023-05,全市,7.0",
                        "2023-06,滨湖新区,12.0",
                        "2023-06,桃城区,9.0",
                        "2023-06,故城县,8.0",
                        "2023-06,冀州区,5.5",
                        "2023-06,全市,7.4"),
                TestFiles.utf8(
                        in,
                        "2023年1-6月全市分行业固定资产投资.csv",
                        "2023年1-6月全市分行业固定资产投资情况",
                        "行业领域,同比增长(%)",
                        "工业,9.1",
                        "交通运输,下降2.0",
                        "能源,8.6",
                        "  其中：民间投资,-0.5"),
                TestFiles.utf8(
                        in,
                        "2023年6月省市重点项目调度表.csv",
                        PROJECTS_HEADER,
                        "2301-131102-04-01-610001,桃城区高端装备制造基地,桃城区,工业,省重点,省重点项目库,续建,150000,40000,20000,2022-09,2022-10,否,王市长,桃城区发改局,2023-06",
                        "2301-131103-06-01-610002,冀州区冷链物流园,冀州区,交通运输,市重点,市重点项目库,新开工,60000,20000,0,2023-02,,是,李副市长,冀州区商务局,2023-06",
                        "2212-131127-05-01-610004,景县污水处理厂扩建,景县,市政基础设施,市重点,市重点项目库,续建,20000,9000,3000,2022-12,2022-12,否,孙局长,景县住建局,2023-06"));
        BuildJob.on(w).execute();
        first = Bulletins.write(w, "2023-06", dir.resolve("out"));
        page = Jsoup.parse(Files.readString(Path.of(first.html()), StandardCharsets.UTF_8));
    }

    private static void deliverAll(Path... files) {
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(w)).execute(List.of(files), step -> {});
        assertThat(results).as("one result per file").hasSize(files.length);
        for (FileLoadResult r : results) {
            assertThat(r.status()).as("load of %s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        }
    }

    private static void deliver(Path file) {
        FileLoadResult r = LoadJob.on(w).execute(file);
        assertThat(r.status())
                .as("load of %s: %s", file.getFileName(), r.reasons())
                .isEqualTo(FileLoadResult.Status.LOADED);
    }

    /** The cells of the row of {@code table} whose column 地区 (or first text column) is {@code name}. */
    private static List<String> row(Document doc, String sheet, String name) {
        Element table = doc.selectFirst("div.table[data-sheet=\"" + sheet + "\"] table");
        assertThat(table).as("table %s", sheet).isNotNull();
        for (Element tr : table.select("tbody tr")) {
            List<String> cells = tr.select("td").eachText();
            if (cells.contains(name)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + name + " in " + sheet);
    }

    @Test
    @Order(1)
    void titleCommentaryAndTheMissingFeed() {
        assertThat(page.selectFirst("h1").text()).isEqualTo("2023年1-6月全市抓投资上项目工作通报");
        assertThat(page.select("#missing li").eachText()).containsExactly("6月专项债券数据尚未报送");
        List<String> p = page.select("#summary p.commentary").eachText();
        assertThat(p.get(0))
                .startsWith(
                        "1-6月,全市固定资产投资同比增长7.4%,高于目标0.4个百分点,增速较上月提高0.4个百分点。" + "滨湖新区、桃城区、故城县增速居前三位。3个县市区增速达到目标,1个低于目标。")
                .contains("增速数据未报送。")
                .endsWith("冀州区增速较上月回落3.5个百分点。");
        assertThat(p.get(1)).isEqualTo("分行业领域看,2个领域增速达到目标,1个低于目标(交通运输低于目标10.5个百分点)。");
        assertThat(p.get(2))
                .startsWith("全市省市重点项目3个(年度目标420个),累计完成投资2.30亿元(年度目标370亿元),完成年度目标的0.6%,"
                        + "低于序时进度(50.0%)49.4个百分点;计划开工的新开工重点项目开工率0.0%。");
        assertThat(p).contains("6月专项债券数据尚未报送,本期不通报专项债券项目推进情况。");
        assertThat(p).anyMatch(s -> s.startsWith("月调度项目3个,其中红灯1个、黄灯1个"));
        assertThat(p).anyMatch(s -> s.contains("本期无列入约谈名单的县市区"));
    }

    @Test
    @Order(2)
    void tablesCarryTheHandWorkedNumbers() {
        List<String> rows =
                page.select("div.table[data-sheet=\"县市区增速\"] tbody tr").eachText();
        assertThat(rows.get(0)).startsWith("— 全市 7.4 7.0 0.4 7.0 0.4");
        assertThat(row(page, "县市区增速", "滨湖新区")).startsWith("1", "滨湖新区", "12.0", "8.5", "3.5", "10.0", "2.0");
        assertThat(row(page, "县市区增速", "冀州区")).startsWith("4", "冀州区", "5.5", "7.0", "-1.5", "9.0", "-3.5", "回落预警");
        // a unit that sent nothing: dashes and the reason, never 0
        assertThat(row(page, "县市区增速", "景县"))
                .containsSubsequence("—", "景县", "—", "7.0", "—")
                .contains("增速数据未报送");
        assertThat(row(page, "回落预警", "冀州区")).containsExactly("冀州区", "5.5", "9.0", "-3.5", "-1.5");
        assertThat(row(page, "行业领域增速", "交通运输")).startsWith("交通运输", "-2.0", "8.5", "-10.5");
        assertThat(row(page, "重点项目", "全市")).startsWith("全市", "3", "2");
        assertThat(row(page, "重点项目", "全市")).containsSubsequence("23,000.00", "370.00", "0.6%", "50.0%", "49.4");
        assertThat(row(page, "重点项目", "桃城区")).containsSubsequence("20,000.00", "45.00", "4.4%", "50.0%");
        assertThat(row(page, "红黄灯项目", "冀州区冷链物流园")).startsWith("红灯", "冀州区冷链物流园", "冀州区", "李副市长", "冀州区商务局");
        assertThat(row(page, "红黄灯项目", "景县污水处理厂扩建")).startsWith("黄灯", "景县污水处理厂扩建", "景县", "孙局长", "景县住建局", "33.3%");
        // the bond table has no rows and says why
        assertThat(page.select("div.table[data-sheet=\"专项债券\"] table")).isEmpty();
        assertThat(page.selectFirst("div.table[data-sheet=\"专项债券\"] p.note").text())
                .isEqualTo("6月专项债券数据尚未报送");
    }

    @Test
    @Order(3)
    void selfContainedWithChartsDrawnByTheLibrary() {
        assertThat(page.select("script, link, img, iframe, [src], [href]")).isEmpty();
        assertThat(page.selectFirst("style").data())
                .contains("@page")
                .contains("max-width:600px")
                .contains("Noto Sans CJK SC");
        Element growth = page.selectFirst("figure[data-chart=chart-region-growth]");
        // 4 units with growth + 13 unit targets
        assertThat(growth.attr("data-bars")).isEqualTo("17");
        assertThat(growth.select("svg rect").size()).isGreaterThanOrEqualTo(17);
        assertThat(growth.select("svg text").eachText()).contains("滨湖新区", "冀州区");
        assertThat(page.selectFirst("figure[data-chart=chart-key-projects]")
                        .select("svg text")
                        .eachText())
                .anyMatch(t -> t.startsWith("序时进度 50.0"));
        assertThat(page.html()).doesNotContain("null").doesNotContain("NaN");
    }

    @Test
    @Order(4)
    void aPeriodWithNoDataRendersSayingWhatIsMissing() {
        Bulletins.Rendered r = Bulletins.render(
                w, "2023-07", BulletinData.currentVersions(w), "test", java.time.Instant.parse("2023-08-01T00:00:00Z"));
        Document d = Jsoup.parse(r.html());
        assertThat(d.select("#missing li").eachText())
                .containsExactly("1-7月固定资产投资统计数据尚未报送", "7月项目库数据尚未报送", "7月专项债券数据尚未报送");
        assertThat(d.select("#summary p.commentary").eachText().get(0)).isEqualTo("1-7月固定资产投资统计数据尚未报送,本期不通报投资增速。");
        assertThat(d.select("table.data")).isEmpty();
        assertThat(d.select("svg")).isEmpty();
    }

    @Test
    @Order(5)
    void theOutlookAndTheChecksForTheBureau() {
        // 全市 growth 7.4 against 7.0, no amounts: the default shape at June is 0.47, so the second half needs
        // ((1.07 − 1.074 × 0.47) / 0.53 − 1) = 6.6%; key projects 2.30亿 / 0.33 = 6.97亿, 1.9% of 370: far off
        List<String> p = page.select("#summary p.commentary").eachText();
        assertThat(p)
                .contains("全年研判:全市1-6月固定资产投资增速7.4%,按目前进度测算,全年预计增长7.4%,不低于目标(7.0%);"
                        + "完成目标需下半年比上年同期增长6.6%(按默认季节分布),有望完成。"
                        + "全市1-6月省市重点项目完成投资2.30亿元,按默认季节分布测算,全年预计完成6.97亿元,为目标(370.00亿元)的1.9%;"
                        + "完成目标需下半年月均完成61.28亿元,难以完成。");
        assertThat(row(page, BulletinTables.OUTLOOK, "全市"))
                .containsExactly(
                        "固定资产投资增速",
                        "全市",
                        "%",
                        "7.0",
                        "7.4",
                        "7.4",
                        "6.6",
                        "—",
                        "有望完成",
                        "季节分布:默认季节分布;未报送累计额,无法测算月均需完成额");
        // from June on, a unit at its growth target whose key projects are projected at half their target or less:
        // 桃城区 9.0 ≥ 7.5 with 2亿 / 0.33 = 6.06亿 of 45 (13.5%); 滨湖新区 and 故城县 at target with no key project
        assertThat(p).contains("数据质量核查:本期发现3项需要核实的问题,详见“十一、数据质量核查”,请统计部门发布前核实。");
        assertThat(page.select("div.table[data-sheet=\"" + BulletinTables.CHECKS + "\"] tbody tr"))
                .hasSize(3);
        assertThat(row(page, BulletinTables.CHECKS, "桃城区"))
                .containsExactly(
                        "投资增速与重点项目进度不匹配",
                        "中",
                        "桃城区",
                        "桃城区1-6月投资增速9.0%,达到目标(7.5%),但省市重点项目按季节进度测算全年预计只完成目标的13.5%,投资增长与项目进度不匹配,请核实。");
    }

    @Test
    @Order(10)
    void reissueAfterACorrectionGivesTheSameBytesWhileANewBulletinShowsTheCorrection() throws Exception {
        deliver(TestFiles.utf8(
                dir.resolve("in"),
                "2023年1-6月各县市区固定资产投资(更正).csv",
                "2023年1-6月各县市区固定资产投资完成情况(更正)",
                "县市区,累计增速(%)",
                "滨湖新区,12.0",
                "桃城区,9.0",
                "故城县,8.0",
                "冀州区,6.0",
                "全市,7.6"));
        BuildJob.on(w).execute();

        Bulletins.Written again = Bulletins.reissue(w, first.bulletinId(), dir.resolve("reissued"));
        assertThat(again.identical()).isTrue();
        assertThat(Files.readAllBytes(Path.of(again.html()))).isEqualTo(Files.readAllBytes(Path.of(first.html())));
        assertThat(Path.of(first.xlsx())).exists();
        assertThat(Files.readAllBytes(Path.of(again.xlsx()))).isEqualTo(Files.readAllBytes(Path.of(first.xlsx())));

        Bulletins.Written fresh = Bulletins.write(w, "2023-06", dir.resolve("out"));
        assertThat(fresh.bulletinId()).isNotEqualTo(first.bulletinId());
        Document now = Jsoup.parse(Files.readString(Path.of(fresh.html()), StandardCharsets.UTF_8));
        assertThat(now.selectFirst("#summary p.commentary").text())
                .startsWith("1-6月,全市固定资产投资同比增长7.6%,高于目标0.6个百分点,增速较上月提高0.6个百分点。")
                .endsWith("冀州区增速较上月回落3.0个百分点。"); // 6.0 − 9.0 = −3.0: still a fall of 3 points
        assertThat(w.spark()
                        .sql("SELECT count(*) FROM delta.`" + w.location("ops", "bulletins") + "`")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }
}
