package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.investlake.TestFiles;
import org.investlake.marts.BuildJob;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undoing a delivery and reprocessing: silver is recomputed from the deliveries that remain, in load
 * order, with today's rules; gold follows; the undone bytes may come again.
 */
class ReprocessJobTest extends StatsTestSupport {
    @TempDir
    Path dir;

    /** 1-3月 again, 武强县 corrected: 6300 → 6360, +5.0 → +6.0 (6360/6000 = 1.06); the rest as StatsFixture.march. */
    private Path correctedMarch() {
        return TestFiles.utf8(
                dir.resolve("corrected"),
                "2023年1-3月各县市区固定资产投资(更正).csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "单位:万元",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,16500,15000,10.0",
                "冀州区,7440,8000,下降7.0",
                "武强县,6360,6000,6.0",
                "",
                "全市,30240,29000,4.3");
    }

    private static double gold(String period, String region) {
        return spark().sql("SELECT ytd_growth_pct FROM gold.region_growth WHERE period = '" + period
                        + "' AND region_code = '" + region + "'")
                .first()
                .getDecimal(0)
                .doubleValue();
    }

    @Test
    void undoingTheRedeliveryBringsBackTheFirstDeliveryAndTheSameBytesLoadAgain() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        FileLoadResult mar = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        FileLoadResult fix = LoadJob.on(w).execute(correctedMarch());
        assertThat(fix.status()).as("re-delivery: %s", fix.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        BuildJob.on(w).marts("region_growth").execute();
        assertThat(gold("2023-03", "131123")).as("gold: 武强县 1-3月 as corrected").isEqualTo(6.0);

        ReprocessJob.Result r = ReprocessJob.on(w).undo(fix.loadId()).execute();
        BuildJob.on(w).marts("region_growth").execute();

        // 1-3月 as the first delivery gave it (StatsFixture.march), every row from that load again
        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-03", "131100", "all", dec("30240"), dec("29000"), 4.3, "reported"},
                        new Object[] {"2023-03", "131102", "all", dec("16500"), dec("15000"), 10.0, "reported"},
                        new Object[] {"2023-03", "131103", "all", dec("7440"), dec("8000"), -7.0, "reported"},
                        new Object[] {"2023-03", "131123", "all", dec("6300"), dec("6000"), 5.0, "reported"}),
                silverOf(mar.loadId()));
        assertThat(spark().table("silver.stats").count())
                .as("4 rows of 1-2月 + 4 of 1-3月")
                .isEqualTo(8L);
        assertThat(silverOf(feb.loadId()).count()).as("1-2月 untouched").isEqualTo(4L);
        assertThat(gold("2023-03", "131123")).as("gold follows: 武强县 1-3月 +5.0").isEqualTo(5.0);

        assertThat(r.undone()).isEqualTo(fix.loadId());
        assertThat(r.scope()).as("the undone load's feed and periods").containsOnlyKeys("stats");
        assertThat(r.scope().get("stats")).containsExactly("2023-03");
        assertThat(r.replayed())
                .as("the one remaining delivery of 1-3月")
                .extracting(ReprocessJob.Replayed::loadId)
                .containsExactly(mar.loadId());
        // only 武强县's amount and growth differ between the two deliveries
        assertThat(r.changes()).containsExactly(new ReprocessJob.PeriodChange("stats", "2023-03", 0, 1, 0));
        assertThat(spark().sql("SELECT status, undone_at IS NOT NULL FROM ops.load_log WHERE load_id = '" + fix.loadId()
                                + "'")
                        .first())
                .as("the load log marks the re-delivery undone")
                .isEqualTo(org.apache.spark.sql.RowFactory.create("undone", true));
        assertThat(spark().sql("SELECT count(*) FROM bronze.stats WHERE load_id = '" + fix.loadId() + "'")
                        .first()
                        .getLong(0))
                .as("bronze keeps the undone delivery: title, unit, header, 3 units, blank, 全市")
                .isEqualTo(8L);

        // the same bytes delivered again are a new load, not "already loaded"
        FileLoadResult again = LoadJob.on(w).execute(correctedMarch());
        assertThat(again.status()).as("again: %s", again.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(again.loadId()).isNotEqualTo(fix.loadId());
        assertThat(spark().sql("SELECT ytd_amount_wan FROM silver.stats WHERE period = '2023-03' "
                                + "AND region_code = '131123'")
                        .first()
                        .getDecimal(0))
                .as("武强县 1-3月 corrected again")
                .isEqualByComparingTo("6360");
    }

    /**
     * On a warehouse on HDFS a large raw copy is copied to the local disk to be streamed (every raw copy counts as
     * large here), and the copy and the staged rows are deleted when the reprocess ends. The one delivery, June's
     * project list ({@link ProjectsFixture#juneCsv}), replayed with the same rules, changes nothing.
     */
    @Test
    void onHdfsALargeRawCopyIsStreamedFromALocalCopyThatIsThenDeleted() throws java.io.IOException {
        String root = org.investlake.storage.MiniHdfs.shared().uri() + "/reprocess-test/warehouse";
        Warehouse w = Warehouse.open(spark(), root, reference());
        FileLoadResult june = LoadJob.on(w).execute(ProjectsFixture.juneCsv(dir.resolve("in")));
        assertThat(june.rowsLoaded()).as("load: %s", june.reasons()).isPositive();

        ReprocessJob job = ReprocessJob.on(w).largeFileBytes(0).feed("projects");
        ReprocessJob.Result r = job.execute();

        assertThat(job.streamedLoads()).containsExactly(june.loadId());
        assertThat(r.changes()).containsExactly(new ReprocessJob.PeriodChange("projects", "2023-06", 0, 0, 0));
        assertThat(w.fs().exists(new org.apache.hadoop.fs.Path(root + "/_staging/" + june.loadId())))
                .as("the replay's staged rows")
                .isFalse();
        try (var left = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .as("local copies of raw copies")
                    .noneMatch(name -> name.startsWith("investlake-reprocess-"));
        }
    }

    @Test
    void reprocessAfterAStricterRuleQuarantinesExactlyTheRowsBelowTheNewThreshold() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        FileLoadResult mar = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(w.exists("ops", "quarantine"))
                .as("nothing quarantined at load")
                .isFalse();

        // amounts must now be at least 4500 万元: only 武强县 1-2月 (4120, prev 4000) falls under it;
        // every 1-3月 amount is ≥ 6000 and every other 1-2月 amount ≥ 5000
        ReprocessJob.Result strict =
                ReprocessJob.on(w).schemas(ReprocessJobTest::amountsAtLeast4500).execute();

        assertThat(strict.changes())
                .containsExactly(
                        new ReprocessJob.PeriodChange("stats", "2023-02", 0, 0, 1),
                        new ReprocessJob.PeriodChange("stats", "2023-03", 0, 0, 0));
        assertThat(spark()
                        .sql("SELECT region_code FROM silver.stats WHERE period = '2023-02' ORDER BY 1")
                        .collectAsList()
                        .stream()
                        .map(x -> x.getString(0))
                        .toList())
                .as("1-2月 without 武强县 131123")
                .containsExactly("131100", "131102", "131103");
        assertThat(strict.replayed())
                .extracting(ReprocessJob.Replayed::loadId, x -> x.quarantinedBefore(), x -> x.quarantinedNow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(feb.loadId(), 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple(mar.loadId(), 0L, 0L));
        // 武强县 is line 6 of the 1-2月 file (title, unit, header, 桃城区, 冀州区, 武强县)
        List<Row> q = spark().sql("SELECT load_id, row_number, array_distinct(rule_ids) FROM ops.quarantine")
                .collectAsList();
        assertThat(q).hasSize(1);
        assertThat(q.get(0).getString(0)).isEqualTo(feb.loadId());
        assertThat(q.get(0).getInt(1)).isEqualTo(6);
        assertThat(q.get(0).<String>getList(2)).containsExactly("amount_not_negative");
        assertThat(spark().sql("SELECT rows FROM ops.dq_results WHERE load_id = '" + feb.loadId()
                                + "' AND rule_id = 'amount_not_negative'")
                        .first()
                        .getInt(0))
                .as("counted per amount column: 本年累计 4120 < 4500 and 上年同期 4000 < 4500 → 2")
                .isEqualTo(2);

        // today's rules again: the row comes back, the quarantine empties
        ReprocessJob.Result back = ReprocessJob.on(w)
                .feed("stats")
                .period(java.time.YearMonth.of(2023, 2))
                .execute();
        assertThat(back.changes()).containsExactly(new ReprocessJob.PeriodChange("stats", "2023-02", 1, 0, 0));
        assertThat(back.replayed()).extracting(ReprocessJob.Replayed::loadId).containsExactly(feb.loadId());
        assertThat(spark().table("ops.quarantine").count()).isZero();
        assertThat(silverOf(feb.loadId()).count()).isEqualTo(4L);
    }

    /** stats.yaml with amount_not_negative raised from ≥ 0 to ≥ 4500 万元. */
    private static FeedSchema amountsAtLeast4500(String feed) {
        FeedSchema s = FeedSchema.load(feed);
        List<FeedSchema.RuleSpec> rules = s.rules().stream()
                .map(r -> r.id().equals("amount_not_negative")
                        ? new FeedSchema.RuleSpec(
                                r.id(),
                                r.action(),
                                r.column(),
                                r.columns(),
                                r.check().replace(">= 0", ">= 4500"),
                                r.value(),
                                r.detail(),
                                r.message())
                        : r)
                .toList();
        return new FeedSchema(
                s.feed(),
                s.description(),
                s.identify(),
                s.key(),
                s.snapshotPerPeriod(),
                s.keepLoadedWhenMissing(),
                s.totalRowLabels(),
                s.historyColumns(),
                s.columns(),
                rules,
                s.rateOfChange());
    }
}
