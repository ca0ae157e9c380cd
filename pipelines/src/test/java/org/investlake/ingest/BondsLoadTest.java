package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bonds feed (docs/contract.md "Feeds") through bronze and silver: a hand-made 2023年6月 special-bond report as a
 * UTF-8 CSV with BOM and as xlsx (Excel date and numeric cells), values worked out by hand:
 *
 * <pre>
 * line code                      region→code         batch        发行金额  发行日期 → DATE         计划   累计完成  已支出  开工状态 → is_started
 *  4   2208-131102-05-01-600001  桃城区 131102       2023年第一批 "12,000"  2023-02-15 → 2023-02-15  8000   5200.5    6000    已开工 → true
 *  5   2209-131121-03-02-600002  枣强 → 枣强县 131121 2023年第二批 5000      2023/4/20 → 2023-04-20   4000   0         0       未开工 → false
 *  6   2210-131126-02-01-600003  故城县 131126       2023年第一批 3000      2023年3月10日 → 2023-03-10 2500 1800      2200    是 → true
 *  7   2211-131172-07-01-600004  滨湖 → 滨湖新区 131172 2023年第三批 8000    2023-05-31 → 2023-05-31  6000   (empty)   —       否 → false
 *  8   合计: 28000 = 12000+5000+3000+8000; 20500 = 8000+4000+2500+6000; 7000.5 = 5200.5+0+1800; 8200 = 6000+0+2200
 * </pre>
 * The 合计 agrees in every column, so the file loads without a warning.
 *
 * <p>Only the CSV is loaded for real: it also checks what the load writes besides silver (no
 * dq_results row, the load log's encoding, bronze row kinds). The xlsx is a parse check: a dry run
 * ({@code LoadJob.dryRun(true)}, nothing written) whose preview of silver rows is compared instead.
 */
class BondsLoadTest extends SparkTest {
    @TempDir
    static Path dir;

    private static Warehouse w;

    static final List<String> HEADER = List.of(
            "项目代码",
            "项目名称",
            "县市区",
            "债券批次",
            "发行金额(万元)",
            "发行日期",
            "年度计划投资(万元)",
            "累计完成投资(万元)",
            "已支出债券资金(万元)",
            "开工状态",
            "报送月份");

    private static final String DDL = "period STRING, year INT, month INT, project_code STRING, project_name STRING, "
            + "region_code STRING, region_name STRING, bond_batch STRING, bond_amount_wan DECIMAL(18,2), issue_date DATE, "
            + "annual_plan_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), bond_spent_wan DECIMAL(18,2), "
            + "is_started BOOLEAN, source_row INT";

    @BeforeAll
    static void openWarehouse() {
        w = warehouse(dir);
    }

    private static Dataset<Row> expected() {
        return rows(
                DDL,
                new Object[] {
                    "2023-06",
                    2023,
                    6,
                    "2208-131102-05-01-600001",
                    "桃城区老旧小区改造",
                    "131102",
                    "桃城区",
                    "2023年第一批",
                    dec("12000"),
                    Date.valueOf("2023-02-15"),
                    dec("8000"),
                    dec("5200.5"),
                    dec("6000"),
                    true,
                    4
                },
                new Object[] {
                    "2023-06",
                    2023,
                    6,
                    "2209-131121-03-02-600002",
                    "枣强县冷链物流园",
                    "131121",
                    "枣强县",
                    "2023年第二批",
                    dec("5000"),
                    Date.valueOf("2023-04-20"),
                    dec("4000"),
                    dec("0"),
                    dec("0"),
                    false,
                    5
                },
                new Object[] {
                    "2023-06",
                    2023,
                    6,
                    "2210-131126-02-01-600003",
                    "故城县供水管网改造",
                    "131126",
                    "故城县",
                    "2023年第一批",
                    dec("3000"),
                    Date.valueOf("2023-03-10"),
                    dec("2500"),
                    dec("1800"),
                    dec("2200"),
                    true,
                    6
                },
                new Object[] {
                    "2023-06",
                    2023,
                    6,
                    "2211-131172-07-01-600004",
                    "滨湖新区生态修复",
                    "131172",
                    "滨湖新区",
                    "2023年第三批",
                    dec("8000"),
                    Date.valueOf("2023-05-31"),
                    dec("6000"),
                    null,
                    null,
                    false,
                    7
                });
    }

    private static Dataset<Row> silverOf(FileLoadResult r) {
        return bondRows("silver.bonds", r);
    }

    /** The rows a dry run would have merged into silver.bonds (LoadJob.lastPreview()), shown as {@link #silverOf} shows silver's. */
    private static Dataset<Row> previewOf(LoadJob job, FileLoadResult r) {
        if (job.lastPreview() == null) {
            throw new AssertionError("no dry-run preview for " + r.file() + ": " + r.status() + " " + r.reasons());
        }
        // spark.sql analyses at once: the Dataset keeps this preview even when the view is replaced later
        job.lastPreview().createOrReplaceTempView("bonds_dry_run_preview");
        return bondRows("bonds_dry_run_preview", r);
    }

    private static Dataset<Row> bondRows(String table, FileLoadResult r) {
        return spark().sql(
                        "SELECT period, year, month, project_code, project_name, region_code, region_name, bond_batch, "
                                + "bond_amount_wan, issue_date, annual_plan_wan, completed_ytd_wan, bond_spent_wan, is_started, source_row "
                                + "FROM " + table + " WHERE load_id = '" + r.loadId() + "' ORDER BY project_code");
    }

    @Test
    void csvFixtureLoadsIntoSilverWithHandCheckedValues() {
        Path f = TestFiles.csv(
                dir.resolve("csv"),
                "2023年6月专项债券项目进展.csv",
                StandardCharsets.UTF_8,
                true,
                "2023年6月地方政府专项债券项目进展情况",
                "单位:万元",
                String.join(",", HEADER),
                "2208-131102-05-01-600001,桃城区老旧小区改造,桃城区,2023年第一批,\"12,000\",2023-02-15,8000,5200.5,6000,已开工,2023-06",
                "2209-131121-03-02-600002,枣强县冷链物流园,枣强,2023年第二批,5000,2023/4/20,4000,0,0,未开工,2023-06",
                "2210-131126-02-01-600003,故城县供水管网改造,故城县,2023年第一批,3000,2023年3月10日,2500,1800,2200,是,2023-06",
                "2211-131172-07-01-600004,滨湖新区生态修复,滨湖,2023年第三批,8000,2023-05-31,6000,,—,否,2023-06",
                "合计,,,,\"28,000\",,20500,7000.5,8200,,",
                "注:发行金额为省财政厅下达数。");
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed recognised from the header").isEqualTo("bonds");
        assertThat(r.periods()).as("periods").containsExactly("2023-06");
        assertThat(r.rowsRead())
                .as("4 projects; the 合计 and the footnote are not data")
                .isEqualTo(4);
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(4);
        assertThat(r.reasons()).as("no warning: the 合计 agrees").isEmpty();
        assertDataFrameEquals(expected(), silverOf(r));
        // ops.dq_results is written only when a rule fires: absent, or without a row of this load
        assertThat(!w.exists("ops", "dq_results")
                        || spark().read()
                                .format("delta")
                                .load(w.location("ops", "dq_results"))
                                .where("load_id = '" + r.loadId() + "'")
                                .isEmpty())
                .as("no dq_results row")
                .isTrue();
        assertThat(spark().sql("SELECT encoding FROM ops.load_log WHERE load_id = '" + r.loadId() + "'")
                        .first()
                        .getString(0))
                .as("encoding")
                .isEqualTo("UTF-8-BOM");
        assertDataFrameEquals(
                rows(
                        "row_kind STRING, n BIGINT",
                        new Object[] {"data", 4L},
                        new Object[] {"footnote", 1L},
                        new Object[] {"header", 1L},
                        new Object[] {"title", 2L},
                        new Object[] {"total", 1L}),
                spark().sql("SELECT row_kind, count(*) AS n FROM bronze.bonds WHERE load_id = '" + r.loadId()
                        + "' GROUP BY row_kind ORDER BY row_kind"));
    }

    @Test
    void xlsxWithExcelDateAndNumericCellsLoadsTheSameValues() {
        // the same report as the platform's Excel: 发行日期 as date cells, amounts as numbers
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("2023年6月地方政府专项债券项目进展情况"));
        rows.add(List.of("单位:万元"));
        rows.add(new ArrayList<>(HEADER));
        rows.add(row(
                "2208-131102-05-01-600001",
                "桃城区老旧小区改造",
                "桃城区",
                "2023年第一批",
                12000,
                LocalDate.of(2023, 2, 15),
                8000,
                5200.5,
                6000,
                "已开工",
                "2023-06"));
        rows.add(row(
                "2209-131121-03-02-600002",
                "枣强县冷链物流园",
                "枣强",
                "2023年第二批",
                5000,
                LocalDate.of(2023, 4, 20),
                4000,
                0,
                0,
                "未开工",
                "2023-06"));
        rows.add(row(
                "2210-131126-02-01-600003",
                "故城县供水管网改造",
                "故城县",
                "2023年第一批",
                3000,
                LocalDate.of(2023, 3, 10),
                2500,
                1800,
                2200,
                "是",
                "2023-06"));
        rows.add(row(
                "2211-131172-07-01-600004",
                "滨湖新区生态修复",
                "滨湖",
                "2023年第三批",
                8000,
                LocalDate.of(2023, 5, 31),
                6000,
                null,
                "—",
                "否",
                "2023-06"));
        rows.add(row("合计", null, null, null, 28000, null, 20500, 7000.5, 8200, null, null));
        Path f = TestFiles.xlsx(dir.resolve("xlsx"), "2023年6月专项债券项目进展.xlsx", rows);
        LoadJob job = LoadJob.on(w).dryRun(true);
        FileLoadResult r = job.execute(f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.feed()).as("feed").isEqualTo("bonds");
        assertThat(r.reasons()).as("no warning: the 合计 agrees").isEmpty();
        assertDataFrameEquals(expected(), previewOf(job, r));
    }

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s).setScale(2);
    }
}
