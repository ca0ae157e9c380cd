package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --feed} each file is recognised from its header row (docs/contract.md "Feeds"). Detection is checked
 * on hand-built grids through the package-private {@link FeedDetector} (no Spark needed); one test
 * goes through {@link LoadJob} to see how an unrecognisable file is reported.
 */
class FeedDetectionTest extends SparkTest {
    @TempDir
    Path dir;

    /** A grid of CSV-like lines, numbered from 1 as in the file. */
    private static Grid grid(String... lines) {
        List<Grid.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            rows.add(new Grid.Row(i + 1, new ArrayList<>(Arrays.asList(lines[i].split(",", -1)))));
        }
        return new Grid(rows, "UTF-8", "csv");
    }

    private static String detect(Grid g) throws FileRejectedException {
        return FeedDetector.detect(g, "test.csv").feed();
    }

    @Test
    void statsExportIsRecognised() throws Exception {
        // 县市区 (region) + 本年累计 (ytd_amount) + 累计增速 (growth): stats; no 项目代码, so no project feed
        Grid g = grid("2023年1-2月各县市区固定资产投资完成情况,,,", "单位:万元,,,", "县市区,本年累计(万元),上年同期,累计增速(%)", "桃城区,10800,10000,8.0");
        assertThat(detect(g)).as("feed of a stats export").isEqualTo("stats");
    }

    @Test
    void statsBySectorWithoutRegionIsRecognised() throws Exception {
        Grid g = grid("2023年1-3月全市分行业固定资产投资情况", "行业领域,同比增长(%)", "工业,9.1");
        assertThat(detect(g)).as("feed of a by-sector stats export").isEqualTo("stats");
    }

    @Test
    void projectsExportIsRecognised() throws Exception {
        // the 16 headers of the project-library export (docs/contract.md "Feeds") below a title and a unit line
        Grid g = grid(
                "2023年6月全市省市重点项目调度表",
                "单位:万元",
                "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(亿元),年度计划投资(万元),"
                        + "本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份",
                "2301-131102-04-01-512345,示例项目,桃城区,工业,省重点,省重点项目库,续建,12.5,30000,18000,2022-10,2022-11,否,王,发改局,2023-06");
        assertThat(detect(g)).as("feed of a projects export").isEqualTo("projects");
    }

    @Test
    void projectsExportWithOtherAliasesIsRecognised() throws Exception {
        // 项目编码 (project_code) + 类别 (level) + 项目阶段 (stage) + 项目总投资 (total_investment)
        Grid g = grid(
                "项目编码,项目名称,建设地点,所属行业,类别,项目阶段,项目总投资,填报月份", "2301-131102-04-01-512345,示例项目,桃城区,工业,省重点,续建,1000,2023-06");
        assertThat(detect(g)).as("feed of a projects export with aliases").isEqualTo("projects");
    }

    @Test
    void bondsExportIsRecognised() throws Exception {
        Grid g = grid(
                "2023年6月地方政府专项债券项目进展情况",
                "单位:万元",
                "项目代码,项目名称,县市区,债券批次,发行金额(万元),发行日期,年度计划投资(万元),累计完成投资(万元)," + "已支出债券资金(万元),开工状态,报送月份",
                "2208-131102-05-01-600001,示例,桃城区,2023年第一批,12000,2023-02-15,8000,5200,6000,已开工,2023-06");
        assertThat(detect(g)).as("feed of a bonds export").isEqualTo("bonds");
    }

    @Test
    void headerBelowBlankLinesAndTitlesIsFound() throws Exception {
        Grid g = grid(",,", "附表3", "", "2023年6月专项债券", "项目编码,发行批次,债券资金", "2208-131102-05-01-600001,第一批,100");
        assertThat(detect(g))
                .as("feed of a bonds export with the header on line 5")
                .isEqualTo("bonds");
    }

    @Test
    void projectsHeaderWithAliasesSharedWithStatsIsStillProjects() throws Exception {
        // every column name here is an alias in schemas/projects.yaml; 县市区 + 累计完成 are also stats aliases
        Grid g = grid(
                "项目代码,项目名称,县市区,行业领域,项目级别,建设性质,总投资,累计完成,报送月份",
                "2301-131102-04-01-512345,示例项目,桃城区,工业,省重点,续建,1000,200,2023-06");
        assertThat(detect(g)).as("feed of a projects export using 县市区/累计完成").isEqualTo("projects");
    }

    @Test
    void bondsHeaderWithAliasesSharedWithStatsIsStillBonds() throws Exception {
        Grid g = grid(
                "项目代码,项目名称,县市区,债券批次,发行金额,累计完成,报送月份", "2208-131102-05-01-600001,示例,桃城区,2023年第一批,12000,5200,2023-06");
        assertThat(detect(g)).as("feed of a bonds export using 县市区/累计完成").isEqualTo("bonds");
    }

    @Test
    void headerMatchingNoFeedIsRejectedWithAMessageSayingSo() {
        Grid g = grid("人员花名册", "姓名,性别,年龄,住址", "张三,男,40,桃城区");
        FileRejectedException e =
                catchThrowableOfType(FileRejectedException.class, () -> FeedDetector.detect(g, "花名册.csv"));
        assertThat(e).as("an unknown header is rejected").isNotNull();
        assertThat(e.ruleId()).as("rule of the rejection").isEqualTo("feed_known");
        assertThat(e.getMessage())
                .as("message names the file and says the feed is unknown")
                .contains("花名册.csv", "无法识别数据类别", "--feed");
    }

    @Test
    void projectCodeAloneIsNotEnoughForProjects() {
        // 项目代码 without level/stage/total/library (projects) or batch/amount/spent (bonds): no feed
        Grid g = grid("项目代码,项目名称,备注", "2301-131102-04-01-512345,示例项目,无");
        FileRejectedException e =
                catchThrowableOfType(FileRejectedException.class, () -> FeedDetector.detect(g, "x.csv"));
        assertThat(e).as("a header with only a project code is rejected").isNotNull();
        assertThat(e.getMessage()).as("message").contains("无法识别数据类别");
    }

    @Test
    void blankFileIsRejectedAsEmpty() {
        Grid g = grid(",,", "", " , ");
        FileRejectedException e =
                catchThrowableOfType(FileRejectedException.class, () -> FeedDetector.detect(g, "空.csv"));
        assertThat(e).as("a blank file is rejected").isNotNull();
        assertThat(e.ruleId()).as("rule").isEqualTo("not_empty");
        assertThat(e.getMessage()).as("message").contains("空.csv", "文件是空的");
    }

    @Test
    void everyFeedWithASchemaIsOffered() {
        assertThat(FeedDetector.knownSchemas())
                .as("feeds offered for detection")
                .extracting(FeedSchema::feed)
                .containsExactly("stats", "projects", "bonds");
    }

    @Test
    void filesAreRecognisedWithoutFeedThroughTheReaders() throws Exception {
        // the same detection from real bytes: GBK stats CSV, UTF-8-BOM projects CSV, bonds xlsx
        Path stats = TestFiles.csv(
                dir,
                "统计.csv",
                java.nio.charset.Charset.forName("GBK"),
                false,
                "2023年1-2月各县市区固定资产投资完成情况",
                "地区,本年累计(万元),同比增长(%)",
                "桃城区,10800,8.0");
        Path projects = TestFiles.csv(
                dir,
                "项目库.csv",
                java.nio.charset.StandardCharsets.UTF_8,
                true,
                "2023年6月全市省市重点项目调度表",
                "项目代码,项目名称,所属县市区,项目级别,总投资(万元)",
                "2301-131102-04-01-512345,示例项目,桃城区,省重点,1000");
        Path bonds = TestFiles.xlsx(
                dir,
                "专项债.xlsx",
                List.of(
                        List.of("2023年6月地方政府专项债券项目进展情况"),
                        List.of("项目代码", "项目名称", "县市区", "发行金额(万元)", "已支出债券资金(万元)"),
                        List.of("2208-131102-05-01-600001", "示例", "桃城区", 12000, 6000)));
        assertThat(detectFile(stats)).as("feed of %s", stats.getFileName()).isEqualTo("stats");
        assertThat(detectFile(projects))
                .as("feed of %s", projects.getFileName())
                .isEqualTo("projects");
        assertThat(detectFile(bonds)).as("feed of %s", bonds.getFileName()).isEqualTo("bonds");
    }

    private static String detectFile(Path p) throws Exception {
        InputFile f = InputFile.read(p);
        return FeedDetector.detect(GridReader.forFile(f, null).read(f), f.name())
                .feed();
    }

    @Test
    void loadWithoutFeedRejectsAnUnknownFileAndSaysWhy() {
        Warehouse w = warehouse(dir);
        Path f = TestFiles.utf8(dir.resolve("in"), "花名册.csv", "姓名,性别,年龄", "张三,男,40");
        FileLoadResult r = LoadJob.on(w).execute(f);
        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.feed()).as("no feed recognised").isNull();
        assertThat(r.rowsLoaded()).as("rows loaded").isZero();
        assertThat(r.reasons()).as("one reason").singleElement().asString().contains("花名册.csv", "无法识别数据类别");
        for (String feed : List.of("stats", "projects", "bonds")) {
            // the loader may create empty silver tables up front; none holds a row
            if (w.exists("silver", feed)) {
                assertThat(spark().read()
                                .format("delta")
                                .load(w.location("silver", feed))
                                .count())
                        .as("rows in silver.%s", feed)
                        .isZero();
            }
        }
        assertThat(spark().sql("SELECT status, message FROM ops.load_log WHERE load_id = '" + r.loadId() + "'")
                        .first()
                        .getString(0))
                .as("load_log status")
                .isEqualTo("rejected");
    }
}
