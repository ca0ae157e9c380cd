package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-made fixture through bronze and silver (values worked out in {@link StatsFixture}). */
class StatsLoadTest extends SparkTest {
    @TempDir
    Path dir;

    @Test
    void fixtureLoadsIntoSilverWithHandCheckedValues() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        FileLoadResult mar = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));

        assertThat(feb.status()).as(feb.reasons().toString()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(feb.feed()).isEqualTo("stats");
        assertThat(feb.periods()).containsExactly("2023-02");
        assertThat(feb.rowsRead())
                .as("4 data rows; title, unit, header and footnote are not data")
                .isEqualTo(4);
        assertThat(mar.rowsLoaded()).isEqualTo(4);

        Dataset<Row> expected = rows(
                "period STRING, region_code STRING, sector_code STRING, ytd_amount_wan DECIMAL(18,2), "
                        + "prev_ytd_amount_wan DECIMAL(18,2), ytd_growth_pct DOUBLE, growth_source STRING, source_row INT",
                new Object[] {"2023-02", "131100", "all", dec("20220"), dec("19000"), 6.4, "reported", 7},
                new Object[] {"2023-02", "131102", "all", dec("10800"), dec("10000"), 8.0, "reported", 4},
                new Object[] {"2023-02", "131103", "all", dec("5300"), dec("5000"), 6.0, "reported", 5},
                new Object[] {"2023-02", "131123", "all", dec("4120"), dec("4000"), 3.0, "reported", 6},
                new Object[] {"2023-03", "131100", "all", dec("30240"), dec("29000"), 4.3, "reported", 8},
                new Object[] {"2023-03", "131102", "all", dec("16500"), dec("15000"), 10.0, "reported", 4},
                new Object[] {"2023-03", "131103", "all", dec("7440"), dec("8000"), -7.0, "reported", 5},
                new Object[] {"2023-03", "131123", "all", dec("6300"), dec("6000"), 5.0, "reported", 6});
        assertDataFrameEquals(
                expected,
                spark().sql(
                                "SELECT period, region_code, sector_code, ytd_amount_wan, prev_ytd_amount_wan, ytd_growth_pct, "
                                        + "growth_source, source_row FROM silver.stats ORDER BY period, region_code"));
    }

    @Test
    void bronzeKeepsEveryRowAsDelivered() {
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        // 2 title lines, the header, 4 data rows, 1 footnote
        Dataset<Row> kinds =
                spark().sql("SELECT row_kind, count(*) AS n FROM bronze.stats GROUP BY row_kind ORDER BY row_kind");
        assertDataFrameEquals(
                rows(
                        "row_kind STRING, n BIGINT",
                        new Object[] {"data", 4L},
                        new Object[] {"footnote", 1L},
                        new Object[] {"header", 1L},
                        new Object[] {"title", 2L}),
                kinds);
        Row taocheng = spark().sql("SELECT cells, record FROM bronze.stats WHERE row_number = 4")
                .first();
        assertThat(taocheng.<String>getList(0)).containsExactly("桃城区", "10,800", "10000", "8.0");
        assertThat(taocheng.<String, String>getJavaMap(1)).containsEntry("本年累计(万元)", "10,800");
        assertThat(spark().sql("SELECT status, rows_loaded FROM ops.load_log")
                        .first()
                        .getString(0))
                .isEqualTo("loaded");
    }

    @Test
    void aSecondFileForTheSameRowKeepsItsAmountsAndSaysWhereTheGrowthDisagrees() {
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        // the by-sector table's total row is the same 全市 / all-sectors row as the by-region table's 全市:
        // it gives no amounts and a growth of 6.6 where the region table said 6.4
        FileLoadResult bySector = LoadJob.on(w)
                .execute(org.investlake.TestFiles.utf8(
                        dir.resolve("in"),
                        "2023年1-2月全市分行业固定资产投资.csv",
                        "2023年1-2月全市分行业固定资产投资情况",
                        "行业领域,同比增长(%)",
                        "固定资产投资,6.6",
                        "工业,7.7"));
        assertThat(bySector.rowsWarned()).as(bySector.reasons().toString()).isEqualTo(1);
        assertThat(bySector.reasons()).anyMatch(r -> r.contains("增速 6.6% 与已入库的「2023年1-2月各县市区固定资产投资.csv」中的 6.4% 不一致"));
        // the later file's growth stands, the amounts only the region table gave are kept (20220 / 19000)
        Row quanshi = spark().sql("SELECT ytd_growth_pct, ytd_amount_wan, prev_ytd_amount_wan FROM silver.stats "
                        + "WHERE period = '2023-02' AND region_code = '131100' AND sector_code = 'all'")
                .first();
        assertThat(quanshi.getDouble(0)).isEqualTo(6.6);
        assertThat(quanshi.getDecimal(1)).isEqualByComparingTo("20220");
        assertThat(quanshi.getDecimal(2)).isEqualByComparingTo("19000");
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s).setScale(2);
    }
}
