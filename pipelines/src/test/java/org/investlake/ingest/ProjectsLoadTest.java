package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.investlake.ingest.ProjectsFixture.dec;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projects feed (docs/contract.md "Feeds") through bronze and silver: the hand-made June export (values worked
 * out in {@link ProjectsFixture}) as GBK CSV and as xlsx, and an export whose headers use other aliases.
 * Every file is loaded without {@code --feed}: the header must say it is a project list.
 *
 * <p>Only the CSV is loaded for real: it also checks what the load writes besides silver (bronze row
 * kinds, the load log's encoding). The xlsx and the aliases are parse checks: a dry run
 * ({@code LoadJob.dryRun(true)}, nothing written) whose preview of silver rows is compared instead.
 */
class ProjectsLoadTest extends SparkTest {
    @TempDir
    static Path dir;

    private static Warehouse w;

    /** One warehouse for the class (fewer Delta tables to create); each test reads the rows of its own load. */
    @BeforeAll
    static void openWarehouse() {
        w = warehouse(dir);
    }

    private static Dataset<Row> silverOf(FileLoadResult r) {
        return spark().sql("SELECT " + ProjectsFixture.SILVER_COLUMNS + " FROM silver.projects WHERE load_id = '"
                + r.loadId() + "' ORDER BY project_code");
    }

    /** A dry run of {@code file} with {@code job}: the load result; the rows for silver are in job.lastPreview(). */
    private static FileLoadResult dryRun(LoadJob job, Path file) {
        return job.dryRun(true).execute(file);
    }

    @Test
    void csvFixtureLoadsIntoSilverWithHandCheckedValues() {
        FileLoadResult r = LoadJob.on(w).execute(ProjectsFixture.juneCsv(dir.resolve("csv")));

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed recognised from the header").isEqualTo("projects");
        assertThat(r.periods())
                .as("period from the title 2023年6月 and the 报送月份 column")
                .containsExactly("2023-06");
        assertThat(r.rowsRead())
                .as("6 projects; title, unit, header, blank line and footnote are not data")
                .isEqualTo(6);
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(6);
        assertThat(r.rowsWarned()).as("rows warned").isZero();
        assertThat(r.rowsQuarantined()).as("rows quarantined").isZero();

        assertDataFrameEquals(rows(ProjectsFixture.SILVER_DDL, ProjectsFixture.juneSilver()), silverOf(r));

        // bronze keeps every physical line: 2 title lines, header, 6 data, 1 blank, 1 footnote
        assertDataFrameEquals(
                rows(
                        "row_kind STRING, n BIGINT",
                        new Object[] {"blank", 1L},
                        new Object[] {"data", 6L},
                        new Object[] {"footnote", 1L},
                        new Object[] {"header", 1L},
                        new Object[] {"title", 2L}),
                spark().sql("SELECT row_kind, count(*) AS n FROM bronze.projects WHERE load_id = '" + r.loadId()
                        + "' GROUP BY row_kind ORDER BY row_kind"));
        Row log = spark().sql(
                        "SELECT status, encoding, rows_loaded FROM ops.load_log WHERE load_id = '" + r.loadId() + "'")
                .first();
        assertThat(log.getString(0)).as("load_log status").isEqualTo("loaded");
        assertThat(log.getString(1)).as("GBK detected").isEqualTo("GBK");
    }

    @Test
    void xlsxWithExcelDateAndNumericCellsLoadsTheSameValues() {
        LoadJob job = LoadJob.on(w);
        FileLoadResult r = dryRun(job, ProjectsFixture.juneXlsx(dir.resolve("xlsx")));

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed").isEqualTo("projects");
        assertThat(r.periods())
                .as("period from the title and the 2023-06-30 date cells")
                .containsExactly("2023-06");
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(6);
        // same projects, same values: the numeric 12.5 (亿元) is 125000 万元, the date cell 2022-10-08 is month 2022-10
        assertDataFrameEquals(
                rows(ProjectsFixture.SILVER_DDL, ProjectsFixture.juneSilver()),
                ProjectsFixture.previewOf(job.lastPreview(), r.loadId()));
    }

    @Test
    void headerAliasesAndValueAliasesAreConformed() {
        // No title line: the period comes from 填报月份 (202306 / 2023年6月 / 2023-06 all mean 2023-06).
        // Headers: 项目编码=project_code, 建设地点=region, 所属行业=sector, 类别=level, 入库类别=library,
        // 项目阶段=stage, 项目总投资=total_investment, 年度计划=annual_plan, 累计完成=completed_ytd,
        // 计划开工/实际开工=planned/actual start, 民间投资推介=flag, 包联市领导=leader, 牵头单位=unit.
        // line 2: 深州 → 131182 深州市; 水利 → water; 省重点项目 → 省重点; 在建 → 续建; "45,000" → 45000;
        //         2023.2 → 2023-02; 2023年2月 → 2023-02 (started); 否
        // line 3: 饶阳县 → 131124; 卫生健康 → health 卫生; 市级重点 → 市重点; 新建 → 新开工; not started; 是
        // line 4: 阜城 → 131128 阜城县; 交通 → transport 交通运输; 其他 → 一般 (not key); 已竣工 → 竣工
        Path f = TestFiles.utf8(
                dir.resolve("alias"),
                "项目调度-别名.csv",
                "项目编码,项目名称,建设地点,所属行业,类别,入库类别,项目阶段,项目总投资(万元),年度计划,累计完成,计划开工,实际开工," + "民间投资推介,包联市领导,牵头单位,填报月份",
                "2301-131182-02-01-700001,深州市城乡供水一体化,深州,水利,省重点项目,省重点项目库,在建,\"45,000\",12000,6000.25,"
                        + "2023.2,2023年2月,否,郑市长,深州市水务局,202306",
                "2303-131124-06-01-700002,饶阳县人民医院新院区,饶阳县,卫生健康,市级重点,市重点项目库,新建,30000,9000,0,"
                        + "2023-05,,是,冯副市长,饶阳县卫健局,2023年6月",
                "2210-131128-09-01-700003,阜城县物流园,阜城,交通,其他,一般项目库,已竣工,8000,500,500,2022-10,2022-11,否,"
                        + "陈局长,阜城县交通局,2023-06");
        LoadJob job = LoadJob.on(w);
        FileLoadResult r = dryRun(job, f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed").isEqualTo("projects");
        assertThat(r.periods()).as("periods").containsExactly("2023-06");
        assertDataFrameEquals(
                rows(
                        ProjectsFixture.SILVER_DDL,
                        new Object[] {
                            "2023-06",
                            2023,
                            6,
                            "2210-131128-09-01-700003",
                            "阜城县物流园",
                            "131128",
                            "阜城县",
                            "transport",
                            "交通运输",
                            "一般",
                            false,
                            "一般项目库",
                            "竣工",
                            dec("8000"),
                            dec("500"),
                            dec("500"),
                            "2022-10",
                            "2022-11",
                            true,
                            false,
                            "陈局长",
                            "阜城县交通局",
                            4
                        },
                        new Object[] {
                            "2023-06",
                            2023,
                            6,
                            "2301-131182-02-01-700001",
                            "深州市城乡供水一体化",
                            "131182",
                            "深州市",
                            "water",
                            "水利",
                            "省重点",
                            true,
                            "省重点项目库",
                            "续建",
                            dec("45000"),
                            dec("12000"),
                            dec("6000.25"),
                            "2023-02",
                            "2023-02",
                            true,
                            false,
                            "郑市长",
                            "深州市水务局",
                            2
                        },
                        new Object[] {
                            "2023-06",
                            2023,
                            6,
                            "2303-131124-06-01-700002",
                            "饶阳县人民医院新院区",
                            "131124",
                            "饶阳县",
                            "health",
                            "卫生",
                            "市重点",
                            true,
                            "市重点项目库",
                            "新开工",
                            dec("30000"),
                            dec("9000"),
                            dec("0"),
                            "2023-05",
                            null,
                            false,
                            true,
                            "冯副市长",
                            "饶阳县卫健局",
                            3
                        }),
                ProjectsFixture.previewOf(job.lastPreview(), r.loadId()));
    }
}
