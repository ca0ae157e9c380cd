package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.ingest.LoadJob;
import org.investlake.marts.BuildJob;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several files loaded as one batch ({@code load F1 F2 …}) against the same files loaded one by one: the same
 * silver and gold, one silver commit per feed instead of one per file, and a bad file among good ones rejected
 * with its report while the good ones land.
 *
 * <pre>
 * in order                                     what it brings
 * 1 2023年1-3月各县市区固定资产投资.csv           桃城区 16500/15000 10.0%, 景县 5400/5000 8.0%, 全市 200000/190000 5.3%,
 *                                              东城区 (not a unit of 衡水市: quarantined)
 * 2 2023年3-4月省市重点项目调度表.csv             P1 and P2 in March and in April
 * 3 2023年4月专项债券项目进展.csv                 a header and no rows: rejected as a whole
 * 4 2023年1-3月各县市区固定资产投资(更正).csv      growth only: 景县 8.5%, 全市 5.6% — the amounts stay from file 1
 * 5 2023年4月省市重点项目调度表(更正).csv          April again with P1 only: April is replaced, P2's April row goes
 * 6 副本-2023年1-3月各县市区固定资产投资.csv        the bytes of file 1 again: skipped
 * </pre>
 */
class BatchLoadTest extends SparkTest {
    private static final String PROJECTS_HEADER = "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(万元),"
            + "年度计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份";
    private static final String P1 =
            "2301-131102-04-01-610001,桃城区高端装备制造基地,桃城区,工业,省重点,省重点项目库,续建,150000,40000,%d,2022-09,2022-10,否,王市长,桃城区发改局,%s";
    private static final String P2 =
            "2212-131127-05-01-610004,景县污水处理厂扩建,景县,市政基础设施,市重点,市重点项目库,续建,20000,9000,%d,2022-12,2022-12,否,孙局长,景县住建局,%s";

    @TempDir
    static Path dir;

    private static List<Path> files;
    private static CliRun batch;
    private static Path batchWarehouse;
    private static Path oneByOneWarehouse;
    private static final List<org.investlake.ingest.FileLoadResult> oneByOne = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        Path in = dir.resolve("in");
        files = new ArrayList<>();
        files.add(TestFiles.utf8(
                in,
                "2023年1-3月各县市区固定资产投资.csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "单位:万元",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,16500,15000,10.0",
                "景县,5400,5000,8.0",
                "全市,200000,190000,5.3",
                "东城区,100,100,0.0"));
        files.add(TestFiles.utf8(
                in,
                "2023年3-4月省市重点项目调度表.csv",
                PROJECTS_HEADER,
                String.format(P1, 11000, "2023-03"),
                String.format(P2, 1200, "2023-03"),
                String.format(P1, 16000, "2023-04"),
                String.format(P2, 2000, "2023-04")));
        files.add(TestFiles.utf8(
                in,
                "2023年4月专项债券项目进展.csv",
                "项目代码,项目名称,县市区,债券批次,发行金额(万元),发行日期,年度计划投资(万元),累计完成投资(万元),已支出债券资金(万元),开工状态,报送月份"));
        files.add(TestFiles.utf8(
                in, "2023年1-3月各县市区固定资产投资(更正).csv", "2023年1-3月各县市区固定资产投资完成情况(更正)", "县市区,累计增速(%)", "景县,8.5", "全市,5.6"));
        files.add(TestFiles.utf8(in, "2023年4月省市重点项目调度表(更正).csv", PROJECTS_HEADER, String.format(P1, 17000, "2023-04")));
        files.add(Files.copy(files.get(0), in.resolve("副本-2023年1-3月各县市区固定资产投资.csv")));

        batchWarehouse = dir.resolve("batch");
        List<String> args = new ArrayList<>(List.of("load"));
        files.forEach(f -> args.add(f.toString()));
        batch = CliRun.in(batchWarehouse.resolve("warehouse"), args.toArray(String[]::new));
        BuildJob.on(warehouse(batchWarehouse))
                .marts("region_growth", "key_project_progress")
                .execute();

        oneByOneWarehouse = dir.resolve("one-by-one");
        Warehouse w = warehouse(oneByOneWarehouse);
        for (Path f : files) {
            oneByOne.add(LoadJob.on(w).execute(f));
        }
        BuildJob.on(w).marts("region_growth", "key_project_progress").execute();
    }

    @Test
    void aBadFileIsRejectedWithItsReportWhileTheGoodOnesLand() {
        assertThat(batch.code()).as(batch.out() + batch.err()).isEqualTo(1); // a file rejected, a row quarantined
        assertThat(batch.out())
                .contains("2023年1-3月各县市区固定资产投资.csv 第7行") // 东城区: title, units, header, 3 rows before it
                .contains("2023年4月专项债券项目进展.csv: 表头下面没有数据行")
                .contains("内容与已入库的「2023年1-3月各县市区固定资产投资.csv」完全相同");
        Warehouse w = warehouse(batchWarehouse);
        List<Row> log = spark().sql("SELECT source_file, status FROM ops.load_log ORDER BY load_id")
                .collectAsList();
        assertThat(log)
                .extracting(r -> r.getString(0) + " " + r.getString(1))
                .containsExactly(
                        "2023年1-3月各县市区固定资产投资.csv loaded_with_rejects",
                        "2023年3-4月省市重点项目调度表.csv loaded",
                        "2023年4月专项债券项目进展.csv rejected",
                        "2023年1-3月各县市区固定资产投资(更正).csv loaded",
                        "2023年4月省市重点项目调度表(更正).csv loaded");
        assertThat(spark().sql("SELECT count(*) FROM ops.quarantine").first().getLong(0))
                .isEqualTo(1);
        // the rejected file's delivered rows are kept in bronze all the same (its one header row)
        assertThat(spark().sql("SELECT count(*) FROM bronze.bonds").first().getLong(0))
                .isEqualTo(1);
        // one MERGE per feed: silver.stats is created (version 0) and merged once (version 1)
        assertThat(spark().sql("DESCRIBE HISTORY silver.stats")
                        .where("operation = 'MERGE'")
                        .count())
                .isEqualTo(1);
        assertThat(w.exists("silver", "bonds")).isTrue();
    }

    @Test
    void theBatchGivesTheSilverOfLoadingTheFilesOneByOne() {
        // hand-worked: 景县 keeps file 1's amounts with file 4's growth; April has P1 only (file 5), March both
        assertDataFrameEquals(
                rows(
                        "period string, region_code string, ytd_amount_wan decimal(18,2), ytd_growth_pct double",
                        new Object[] {"2023-03", "131100", new java.math.BigDecimal("200000.00"), 5.6},
                        new Object[] {"2023-03", "131102", new java.math.BigDecimal("16500.00"), 10.0},
                        new Object[] {"2023-03", "131127", new java.math.BigDecimal("5400.00"), 8.5}),
                silver(
                        batchWarehouse,
                        "stats",
                        "period, region_code, ytd_amount_wan, ytd_growth_pct",
                        "period, region_code"));
        assertDataFrameEquals(
                rows(
                        "period string, project_code string",
                        new Object[] {"2023-03", "2212-131127-05-01-610004"},
                        new Object[] {"2023-03", "2301-131102-04-01-610001"},
                        new Object[] {"2023-04", "2301-131102-04-01-610001"}),
                silver(batchWarehouse, "projects", "period, project_code", "period, project_code"));

        for (String feed : List.of("stats", "projects")) {
            String columns = String.join(
                    ", ",
                    java.util.Arrays.stream(
                                    silver(batchWarehouse, feed, "*", "period").columns())
                            .filter(c -> !c.equals("load_id") && !c.equals("loaded_at"))
                            .toList());
            assertDataFrameEquals(
                    silver(oneByOneWarehouse, feed, columns, columns), silver(batchWarehouse, feed, columns, columns));
        }
    }

    /**
     * File 5 delivers April again with P1 only: P2 (2212-131127-05-01-610004 景县污水处理厂扩建), which file 2 listed
     * for April, leaves April. The report names it, in the batch (against file 2 of the same batch) and one by one
     * (against silver).
     */
    @Test
    void aMonthDeliveredAgainNamesTheProjectsItTakesAway() {
        String note = "替换 2023年4月省市重点项目调度表(更正).csv: 2023年4月此前报送的 1 个项目不在本文件中,"
                + "按本文件整月替换后将从该月移除(其完成投资不再计入该月):2212-131127-05-01-610004 景县污水处理厂扩建;"
                + "如属漏报,请补报完整的当月文件";
        assertThat(batch.out()).contains(note);
        assertThat(oneByOne.get(4).reasons()).containsExactly(note);
        // file 2's April and March were new months: no note
        assertThat(oneByOne.get(1).reasons()).noneMatch(r -> r.startsWith("替换"));
    }

    @Test
    void laterFilesOfTheBatchAreCheckedAgainstTheEarlierOnes() {
        // file 4 gives 景县 8.5 and 全市 5.6 where file 1 of the same batch gave 8.0 and 5.3: both rows are warned
        // (rule loaded_growth_agrees), as when file 1 had been loaded before
        String warned = "SELECT source_file, rows_warned FROM ops.load_log ORDER BY source_file";
        warehouse(batchWarehouse);
        List<Row> batchLog = spark().sql(warned).collectAsList();
        assertThat(batchLog)
                .filteredOn(r -> r.getString(0).equals("2023年1-3月各县市区固定资产投资(更正).csv"))
                .extracting(r -> r.getInt(1))
                .containsExactly(2);
        warehouse(oneByOneWarehouse);
        assertThat(spark().sql(warned).collectAsList()).isEqualTo(batchLog);
    }

    @Test
    void theBatchGivesTheGoldOfLoadingTheFilesOneByOne() {
        for (String mart : List.of("region_growth", "key_project_progress")) {
            Dataset<Row> batchGold = gold(batchWarehouse, mart);
            assertThat(batchGold.count()).as(mart).isPositive();
            assertDataFrameEquals(gold(oneByOneWarehouse, mart), batchGold);
        }
    }

    /**
     * {@code load --dry-run} of the same six files in an empty warehouse reports what the batch did: file 1's
     * 东城区 row, the empty bonds export refused, file 4's two growths warned against file 1 of the same run, the
     * copy of file 1 skipped; exit 1; and no table is written.
     */
    @Test
    void aDryRunReportsWhatTheBatchWouldDoAndWritesNothing() {
        Path root = dir.resolve("dry-run");
        List<String> args = new ArrayList<>(List.of("load", "--dry-run"));
        files.forEach(f -> args.add(f.toString()));
        CliRun dry = CliRun.in(root.resolve("warehouse"), args.toArray(String[]::new));

        assertThat(dry.code()).as(dry.out() + dry.err()).isEqualTo(1);
        assertThat(dry.out())
                .contains("2023年1-3月各县市区固定资产投资.csv 第7行")
                .contains("2023年4月专项债券项目进展.csv: 表头下面没有数据行")
                .contains("内容与已入库的「2023年1-3月各县市区固定资产投资.csv」完全相同")
                // file 4: 景县 and 全市, each warned as in the batch (laterFilesOfTheBatchAreCheckedAgainstTheEarlierOnes)
                .containsPattern("2023年1-3月各县市区固定资产投资\\(更正\\)\\.csv .*read 2, loaded 2, warned 2, quarantined 0")
                // 6 files: 4 + 4 + 0 + 2 + 1 rows read (the copy is skipped unread), 3 + 4 + 2 + 1 loaded
                .contains(
                        "6 files: 11 rows read, 10 loaded, 2 warned, 1 quarantined; 1 files rejected, 1 already loaded")
                .contains("(dry run: nothing was written")
                .doesNotContain("ops.quarantine");
        Warehouse w = warehouse(root);
        for (String table :
                List.of("bronze.stats", "silver.stats", "silver.projects", "ops.load_log", "ops.quarantine")) {
            String[] t = table.split("\\.");
            assertThat(w.exists(t[0], t[1])).as(table).isFalse();
        }
    }

    @Test
    void aFileThatIsNotThereIsRejectedAndNothingIsWritten() {
        Warehouse w = warehouse(batchWarehouse);
        long logged = spark().sql("SELECT count(*) FROM ops.load_log").first().getLong(0);
        Path missing = dir.resolve("in").resolve("2023年5月省市重点项目调度表.csv");

        List<org.investlake.ingest.FileLoadResult> results =
                org.investlake.ingest.LoadBatch.of(LoadJob.on(w)).execute(List.of(missing), step -> {});

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(org.investlake.ingest.FileLoadResult.Status.REJECTED);
        assertThat(results.get(0).reasons()).containsExactly(missing + ": 文件不存在");
        assertThat(spark().sql("SELECT count(*) FROM ops.load_log").first().getLong(0))
                .isEqualTo(logged);
    }

    private static Dataset<Row> silver(Path root, String feed, String columns, String order) {
        Warehouse w = warehouse(root);
        return spark().read()
                .format("delta")
                .load(w.location("silver", feed))
                .selectExpr(columns.split(",\\s*"))
                .orderBy(java.util.Arrays.stream(order.split(",\\s*"))
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    private static Dataset<Row> gold(Path root, String mart) {
        Warehouse w = warehouse(root);
        Dataset<Row> d = spark().read().format("delta").load(w.location("gold", mart));
        return d.orderBy(java.util.Arrays.stream(d.columns())
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }
}
