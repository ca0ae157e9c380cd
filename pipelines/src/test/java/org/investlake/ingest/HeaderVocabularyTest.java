package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.investlake.quality.FeedSchema;
import org.junit.jupiter.api.Test;

/**
 * The stats header vocabulary (schemas/stats.yaml): per column group, the headers statistical bureaus
 * other than Hengshui's use for it, each written as it appears in a table (with its unit or period
 * prefix), each recognised as that column — and an unknown header still rejected with today's message.
 */
class HeaderVocabularyTest {
    private static final FeedSchema STATS = FeedSchema.load("stats");

    /** Each header alone in a row, matched to the column it names. */
    private static void assertAllName(String column, String... headers) {
        for (String h : headers) {
            Map<String, Integer> m = LayoutDetector.match(List.of(h), STATS);
            assertThat(m).as("「%s」", h).containsOnlyKeys(column);
        }
    }

    @Test
    void regionColumn() {
        assertAllName(
                "region", "地区", "县(市、区)", "县（市、区）", "区县", "县区", "县市", "区(县)", "市(县、区)", "县(市)区", "行政区划", "行政区划名称",
                "单位名称", "区域", "各县市区", "分地区");
    }

    @Test
    void sectorColumn() {
        assertAllName("sector", "行业", "分行业", "行业分类", "国民经济行业", "投资领域", "行业门类", "门类", "按行业分", "指标名称");
    }

    @Test
    void amountColumn() {
        assertAllName(
                "ytd_amount",
                "本年完成投资(万元)",
                "投资额(亿元)",
                "累计投资",
                "累计完成投资",
                "完成投资额(万元)",
                "投资完成额",
                "1-6月累计(万元)",
                "2023年1-6月累计",
                "本年累计完成投资额",
                "绝对额(亿元)",
                "自年初累计",
                "本年止累计");
    }

    @Test
    void previousYearColumn() {
        assertAllName("prev_ytd_amount", "上年同期(万元)", "去年同期", "上年同期完成", "上年同期投资额(亿元)", "上年同期累计完成", "去年同期累计", "上年累计");
    }

    @Test
    void growthColumn() {
        assertAllName(
                "ytd_growth_pct",
                "比上年同期增长(%)",
                "比上年同期增减(%)",
                "同比增减(%)",
                "同比增减(±%)",
                "增幅(%)",
                "同比增幅",
                "增长率(%)",
                "比去年同期增长%",
                "较上年同期增长(%)",
                "比上年同期±(%)",
                "同比±%",
                "1-6月累计增速(%)",
                "累计增长(%)");
    }

    /** Each header alone in a row, matched to the column it names in {@code schema}. */
    private static void assertAllName(FeedSchema schema, String column, String... headers) {
        for (String h : headers) {
            assertThat(LayoutDetector.match(List.of(h), schema)).as("「%s」", h).containsOnlyKeys(column);
        }
    }

    @Test
    void projectLibraryColumns() {
        FeedSchema projects = FeedSchema.load("projects");
        assertAllName(projects, "project_code", "投资项目代码", "项目代码(统一代码)", "投资项目统一代码");
        assertAllName(projects, "region", "所在地区", "项目所在地", "所属行政区划", "县区", "建设地点");
        assertAllName(projects, "sector", "行业分类", "投资领域", "所属行业领域");
        assertAllName(projects, "total_investment", "总投资额(亿元)", "估算总投资(万元)");
        assertAllName(projects, "annual_plan", "年度计划投资额(万元)", "本年度计划投资");
        assertAllName(projects, "completed_ytd", "今年以来完成投资(万元)", "1-6月完成投资额", "本年度累计完成投资");
        // since the start of works is not this year's figure: left unrecognised rather than misread
        assertThat(LayoutDetector.match(List.of("自开工累计完成投资"), projects)).isEmpty();
    }

    @Test
    void bondLedgerColumns() {
        FeedSchema bonds = FeedSchema.load("bonds");
        assertAllName(bonds, "region", "县区", "所属地区", "项目所在地");
        assertAllName(bonds, "bond_amount", "专项债券额度(万元)", "安排债券资金(亿元)");
        assertAllName(bonds, "bond_spent", "债券资金已支出(万元)", "累计支出");
        assertAllName(bonds, "started", "是否已开工");
    }

    /** A header in none of the lists is still refused, naming what is missing, as before. */
    @Test
    void unknownHeaderStillRejectedHelpfully() {
        Grid grid = new Grid(
                List.of(new Grid.Row(1, List.of("片区", "进度(%)")), new Grid.Row(2, List.of("东片", "5.0"))),
                "utf-8",
                "csv");
        assertThat(LayoutDetector.headerRow(grid, STATS)).isEmpty();
        assertThat(LayoutDetector.missingColumnsMessage(grid, STATS)).startsWith("找不到表头:前2行中没有一行写有 地区或行业领域 和 ");
    }

    /**
     * A city's profile adds its own words without code (config/city.yaml header_aliases): 考核单位 and
     * 累计同比 are in no national list, so the bundled contract refuses the header and the city's
     * contract reads it.
     */
    @Test
    void aCityProfileAddsItsOwnHeaderWords() {
        List<String> header = List.of("考核单位", "累计同比(%)");
        assertThat(LayoutDetector.match(header, STATS)).isEmpty();
        FeedSchema city = STATS.withAliases(Map.of("region", List.of("考核单位"), "ytd_growth_pct", List.of("累计同比")));
        // 考核单位 is the first cell (index 0), 累计同比(%) the second (index 1) once its unit is removed
        assertThat(LayoutDetector.match(header, city)).isEqualTo(Map.of("region", 0, "ytd_growth_pct", 1));
        // the national words still work beside them
        assertThat(LayoutDetector.match(List.of("县市区", "增速"), city)).containsOnlyKeys("region", "ytd_growth_pct");
    }

    @Test
    void aProfileNamingAColumnTheFeedLacksIsRefusedNamingTheColumns() {
        assertThatThrownBy(() -> STATS.withAliases(Map.of("growth", List.of("增长"))))
                .hasMessageContaining("header_aliases.stats.growth")
                .hasMessageContaining("「growth」不是 stats 的列")
                .hasMessageContaining("ytd_growth_pct");
    }
}
