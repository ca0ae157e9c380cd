package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivering the same file again changes nothing; delivering a corrected month replaces it (MERGE). */
class StatsRedeliveryTest extends StatsTestSupport {
    @TempDir
    Path dir;

    private static Map<String, Long> versionsOf(Warehouse w) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (String t : w.tables()) {
            v.put(t, version(t));
        }
        return v;
    }

    @Test
    void loadingTheSameFileTwiceChangesNothing() throws Exception {
        Warehouse w = warehouse(dir);
        Path feb = StatsFixture.february(dir.resolve("in"));
        FileLoadResult first = LoadJob.on(w).execute(feb);
        assertThat(first.status()).as("first load: %s", first.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        Dataset<Row> silver = silverNow();
        Map<String, Long> versions = versionsOf(w);
        assertThat(versions)
                .as("tables written by the first load")
                .containsKeys("bronze.stats", "silver.stats", "ops.load_log");

        FileLoadResult again = LoadJob.on(w).execute(feb);
        assertThat(again.status()).as("second load of the same bytes").isEqualTo(FileLoadResult.Status.SKIPPED);
        assertThat(again.failed()).as("a skipped file is no failure").isFalse();
        assertThat(again.loadId())
                .as("the skip points at the load that brought the bytes")
                .isEqualTo(first.loadId());
        assertThat(again.rowsLoaded()).as("rows loaded the second time").isZero();
        assertThat(again.reasons())
                .as("why it was skipped")
                .singleElement()
                .asString()
                .contains("完全相同", first.loadId());

        // the same bytes under another name are the same delivery
        Path renamed =
                Files.copy(feb, Files.createDirectories(dir.resolve("in2")).resolve("衡水统计局-2月.csv"));
        FileLoadResult copy = LoadJob.on(w).execute(renamed);
        assertThat(copy.status()).as("same bytes, other name").isEqualTo(FileLoadResult.Status.SKIPPED);
        assertThat(copy.reasons())
                .as("names the file loaded before")
                .singleElement()
                .asString()
                .contains("2023年1-2月各县市区固定资产投资.csv");

        assertDataFrameEquals(silver, silverNow());
        assertThat(versionsOf(w)).as("Delta version of every table").isEqualTo(versions);
        assertThat(spark().sql("SELECT count(*) FROM ops.load_log").first().getLong(0))
                .as("load_log rows")
                .isEqualTo(1L);
    }

    @Test
    void correctedMonthReplacesThatPeriodThroughMerge() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        FileLoadResult mar = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(mar.status()).as("1-3月: %s", mar.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        long marchVersion = version("silver.stats");
        Dataset<Row> februaryBefore = silverNow().where("period = '2023-02'");

        // the bureau corrects 武强县: 6300 → 6360 and +5.0 → +6.0 (6360/6000 = 1.06); the rest as before
        Path corrected = TestFiles.utf8(
                dir.resolve("corrected"),
                "2023年1-3月各县市区固定资产投资.csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "单位:万元",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,16500,15000,10.0",
                "冀州区,7440,8000,下降7.0",
                "武强县,6360,6000,6.0",
                "",
                "全市,30240,29000,4.3");
        FileLoadResult fix = LoadJob.on(w).execute(corrected);
        assertThat(fix.status()).as("corrected 1-3月: %s", fix.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(fix.periods()).as("periods of the correction").containsExactly("2023-03");
        assertThat(fix.loadId()).as("a new load").isNotEqualTo(mar.loadId());

        // 1-3月 as corrected (values from StatsFixture.march, 武强县 corrected), all from the new load
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-03", "131100", "all", dec("30240"), dec("29000"), 4.3, "reported"},
                        new Object[] {"2023-03", "131102", "all", dec("16500"), dec("15000"), 10.0, "reported"},
                        new Object[] {"2023-03", "131103", "all", dec("7440"), dec("8000"), -7.0, "reported"},
                        new Object[] {"2023-03", "131123", "all", dec("6360"), dec("6000"), 6.0, "reported"}),
                silverOf(fix.loadId()));
        assertThat(spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0))
                .as("one row per period and region: 4 + 4")
                .isEqualTo(8L);
        // 1-2月 untouched, load id included
        assertDataFrameEquals(februaryBefore, silverNow().where("period = '2023-02'"));
        assertThat(februaryBefore.where("load_id = '" + feb.loadId() + "'").count())
                .as("1-2月 rows of the first load")
                .isEqualTo(4L);

        // the old value is still readable
        Row old = spark().sql("SELECT ytd_amount_wan, ytd_growth_pct, load_id FROM silver.stats VERSION AS OF "
                        + marchVersion + " WHERE period = '2023-03' AND region_code = '131123'")
                .first();
        assertThat(old.getDecimal(0)).as("武强县 1-3月 as first delivered").isEqualByComparingTo("6300");
        assertThat(old.getDouble(1)).as("武强县 1-3月 growth as first delivered").isEqualTo(5.0);
        assertThat(old.getString(2)).as("load of the first delivery").isEqualTo(mar.loadId());

        List<Row> history = spark().sql("DESCRIBE HISTORY silver.stats")
                .where("version > " + marchVersion)
                .select("version", "operation", "userMetadata")
                .collectAsList();
        assertThat(history).as("one commit for the correction").hasSize(1);
        assertThat(history.get(0).getString(1)).as("operation").isEqualTo("MERGE");
        assertThat(history.get(0).getString(2)).as("commit note names the load").contains(fix.loadId());
    }
}
