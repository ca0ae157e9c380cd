package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue: for each bad file, what the load result says (status, counts, the message
 * naming file, row and reason), what ops records, and that nothing already in silver changed.
 *
 * <p>One warehouse for the class, with the good 1-2月 fixture loaded first. Each test takes its own
 * snapshot of silver (rows and Delta version) just before its bad file, so the tests do not depend on
 * their order; the files that load some rows use periods no other test uses (1-3月, 1-4月, 1-5月, 1-6月).
 */
class StatsBadInputTest extends StatsTestSupport {
    @TempDir
    static Path dir;

    private static Warehouse w;

    @BeforeAll
    static void loadTheGoodFebruary() {
        w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("good")));
        assertThat(feb.status())
                .as("the good fixture loads: %s", feb.reasons())
                .isEqualTo(FileLoadResult.Status.LOADED);
    }

    /** silver.stats as it is now: its rows (collected) and its Delta version. */
    private record Snapshot(Dataset<Row> rows, long version) {
        static Snapshot take() {
            return new Snapshot(silverNow(), StatsTestSupport.version("silver.stats"));
        }
    }

    /** Nothing in silver changed: same rows, same version. */
    private static void assertSilverUntouched(Snapshot before) {
        assertDataFrameEquals(before.rows(), silverNow());
        assertThat(version("silver.stats")).as("silver.stats Delta version").isEqualTo(before.version());
    }

    /** The rows silver had before are all still there, unchanged, beside the rows of {@code loadId}. */
    private static void assertEarlierRowsKept(Snapshot before, String loadId) {
        assertDataFrameEquals(before.rows(), silverNow().where("load_id <> '" + loadId + "'"));
    }

    /** A whole-file rejection: result, load log, raw copy kept, silver untouched. */
    private static void assertRejected(FileLoadResult r, Path file, Snapshot before, String... fragments)
            throws IOException {
        String name = file.getFileName().toString();
        assertThat(r.status()).as("status of %s: %s", name, r.reasons()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.failed()).as("a rejected file fails the command").isTrue();
        assertThat(r.rowsLoaded()).as("rows loaded from %s", name).isZero();
        assertThat(r.reasons()).as("one reason for %s", name).hasSize(1);
        assertThat(r.reasons().get(0))
                .as("the reason names the file and says why")
                .contains(name)
                .contains(fragments);
        assertSilverUntouched(before);

        Row log = loadLog(r.loadId());
        assertThat(log.getString(0)).as("load_log status of %s", name).isEqualTo("rejected");
        assertThat(log.getString(5))
                .as("load_log message of %s", name)
                .contains(name)
                .contains(fragments);
        byte[] bytes = Files.readAllBytes(file);
        String sha = sha256(bytes);
        assertThat(log.getString(7)).as("load_log file_sha256").isEqualTo(sha);
        Path copy = dir.resolve("warehouse")
                .resolve("bronze")
                .resolve("_files")
                .resolve(sha)
                .resolve(name);
        assertThat(copy)
                .as("raw copy of %s under bronze/_files/<sha256>/", name)
                .exists();
        assertThat(Files.readAllBytes(copy))
                .as("the raw copy holds the delivered bytes")
                .isEqualTo(bytes);
    }

    @Test
    void unknownRegionIsQuarantinedAndTheOtherRowsLoad() {
        // row 5 东城区 is not a 衡水 region; rows 4 (桃城区 16500, +10.0) and 6 (武强县 6300, +5.0) load as 2023-03
        Path f = TestFiles.utf8(
                dir.resolve("region"),
                "bad_region.csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "单位:万元",
                "县市区,本年累计(万元),同比增长(%)",
                "桃城区,16500,10.0",
                "东城区,1000,5.0",
                "武强县,6300,5.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.PARTIAL);
        assertThat(r.failed()).as("a quarantined row fails the command").isTrue();
        assertThat(r.rowsRead()).as("rows read").isEqualTo(3);
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(2);
        assertThat(r.rowsQuarantined()).as("rows quarantined").isEqualTo(1);
        assertThat(r.reasons()).as("reasons").hasSize(1);
        assertThat(r.reasons().get(0))
                .as("reason names file, row and why")
                .contains("bad_region.csv", "第5行", "「东城区」不是衡水市的县市区");

        assertDataFrameEquals(
                rows(
                        SILVER_DDL,
                        new Object[] {"2023-03", "131102", "all", dec("16500"), null, 10.0, "reported"},
                        new Object[] {"2023-03", "131123", "all", dec("6300"), null, 5.0, "reported"}),
                silverOf(r.loadId()));
        assertEarlierRowsKept(before, r.loadId());

        List<Row> q = spark().sql("SELECT row_number, rule_ids, reason, record FROM ops.quarantine "
                        + "WHERE load_id = '" + r.loadId() + "'")
                .collectAsList();
        assertThat(q).as("quarantined rows").hasSize(1);
        assertThat(q.get(0).getInt(0)).as("quarantined row number").isEqualTo(5);
        assertThat(q.get(0).<String>getList(1)).as("rules broken").containsExactly("region_known");
        assertThat(q.get(0).getString(2)).as("quarantine reason").contains("第5行", "「东城区」不是衡水市的县市区");
        assertThat(q.get(0).<String, String>getJavaMap(3))
                .as("the original record")
                .containsEntry("县市区", "东城区")
                .containsEntry("本年累计(万元)", "1000")
                .containsEntry("同比增长(%)", "5.0");

        Row log = loadLog(r.loadId());
        assertThat(log.getString(0)).as("load_log status").isEqualTo("loaded_with_rejects");
        assertThat(log.getInt(2)).as("load_log rows_loaded").isEqualTo(2);
        assertThat(log.getInt(4)).as("load_log rows_quarantined").isEqualTo(1);
        assertThat(log.getString(5)).as("load_log message").contains("第5行", "东城区");
    }

    @Test
    void januaryRowsAreQuarantined() {
        // FAI is cumulative and 1月 is published with 2月: both rows of a 2023年1月 file are refused
        Path f = TestFiles.utf8(
                dir.resolve("january"),
                "bad_january.csv",
                "2023年1月各县市区固定资产投资完成情况",
                "县市区,同比增长(%)",
                "桃城区,8.0",
                "冀州区,6.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.failed())
                .as("January rows fail the command: %s", r.reasons())
                .isTrue();
        assertThat(r.rowsRead()).as("rows read").isEqualTo(2);
        assertThat(r.rowsLoaded()).as("rows loaded").isZero();
        assertThat(r.rowsQuarantined()).as("rows quarantined").isEqualTo(2);
        assertThat(r.periods()).as("no period loaded").isEmpty();
        assertThat(r.reasons()).as("one reason per row").hasSize(2);
        assertThat(r.reasons().get(0)).as("first reason").contains("bad_january.csv", "第3行", "1月不单独发布");
        assertThat(r.reasons().get(1)).as("second reason").contains("第4行", "1月不单独发布");
        assertSilverUntouched(before);
        List<Row> q = spark().sql("SELECT row_number, rule_ids FROM ops.quarantine WHERE load_id = '" + r.loadId()
                        + "' ORDER BY row_number")
                .collectAsList();
        assertThat(q).as("quarantined rows").extracting(row -> row.getInt(0)).containsExactly(3, 4);
        assertThat(q)
                .as("rule of each")
                .allSatisfy(row -> assertThat(row.<String>getList(1)).contains("no_january"));
    }

    @Test
    void textWhereANumberBelongsIsQuarantined() {
        // 2023-04: row 3 桃城区 growth 待核; row 4 冀州区 5300 / +6.0 loads; row 5 武强县 amount 待核
        Path f = TestFiles.utf8(
                dir.resolve("number"),
                "bad_number.csv",
                "2023年1-4月各县市区固定资产投资完成情况",
                "县市区,本年累计(万元),同比增长(%)",
                "桃城区,10800,待核",
                "冀州区,5300,6.0",
                "武强县,待核,3.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.PARTIAL);
        assertThat(r.rowsRead()).as("rows read").isEqualTo(3);
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(1);
        assertThat(r.rowsQuarantined()).as("rows quarantined").isEqualTo(2);
        assertThat(r.reasons()).as("reasons").hasSize(2);
        assertThat(r.reasons().get(0)).as("growth 待核").contains("bad_number.csv", "第3行", "同比增长(%)", "「待核」不是");
        assertThat(r.reasons().get(1)).as("amount 待核").contains("bad_number.csv", "第5行", "本年累计(万元)", "「待核」不是数字");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-04", "131103", "all", dec("5300"), null, 6.0, "reported"}),
                silverOf(r.loadId()));
        assertEarlierRowsKept(before, r.loadId());
    }

    @Test
    void headerWithoutGrowthOrAmountColumnIsRejected() throws IOException {
        // --feed stats: the header (row 2) has 地区 but none of 同比增长 / 本年累计 / 上年同期
        Path f = TestFiles.utf8(
                dir.resolve("columns"), "bad_columns.csv", "2023年1-6月各县市区固定资产投资完成情况", "地区,备注", "桃城区,已核", "冀州区,");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).feed("stats").execute(f);
        assertRejected(r, f, before, "缺少", "同比增长(%)", "本年累计(万元)");
    }

    @Test
    void headerWithoutGrowthOrAmountColumnIsRejectedNamingTheColumnsWhenTheFeedIsDetected() throws IOException {
        Path f = TestFiles.utf8(
                dir.resolve("columns-detected"),
                "bad_columns_detected.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "地区,备注",
                "桃城区,已核");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);
        assertRejected(r, f, before, "缺少", "同比增长(%)", "本年累计(万元)");
    }

    @Test
    void emptyFileAndTitleOnlyFileAreRejected() throws IOException {
        Path empty = dir.resolve("empty").resolve("bad_empty.csv");
        Files.createDirectories(empty.getParent());
        Files.write(empty, new byte[0]);
        Path titleOnly = TestFiles.utf8(dir.resolve("empty"), "bad_title_only.csv", "2023年1-6月各县市区固定资产投资完成情况");
        Snapshot before = Snapshot.take();

        FileLoadResult r1 = LoadJob.on(w).execute(empty);
        assertRejected(r1, empty, before, "空");
        FileLoadResult r2 = LoadJob.on(w).execute(titleOnly);
        assertRejected(r2, titleOnly, before, "表头");
    }

    @Test
    void utf8BomFollowedByGbkBytesIsRejected() throws IOException {
        // claims UTF-8 with its BOM, then GBK bytes: refuse rather than load mojibake
        Path f = TestFiles.csv(
                dir.resolve("encoding"),
                "bad_encoding.csv",
                Charset.forName("GBK"),
                true,
                "2023年1-6月各县市区固定资产投资完成情况",
                "县市区,同比增长(%)",
                "桃城区,5.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);
        assertRejected(r, f, before, "UTF-8");
    }

    @Test
    void periodThatDisagreesWithTheTitleIsRejected() throws IOException {
        // title 1-6月 (2023-06) against --period 2023-05, and against a 统计期 column holding 2023年1-5月
        Path option = TestFiles.utf8(
                dir.resolve("period"), "bad_period_option.csv", "2023年1-6月各县市区固定资产投资完成情况", "县市区,同比增长(%)", "桃城区,5.0");
        Path column = TestFiles.utf8(
                dir.resolve("period"),
                "bad_period_column.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "统计期,县市区,同比增长(%)",
                "2023年1-5月,桃城区,5.0");
        Snapshot before = Snapshot.take();

        FileLoadResult r1 = LoadJob.on(w).period(YearMonth.of(2023, 5)).execute(option);
        assertRejected(r1, option, before, "统计期不一致", "2023-06", "2023-05", "--period");
        FileLoadResult r2 = LoadJob.on(w).execute(column);
        assertRejected(r2, column, before, "统计期不一致", "2023-06", "2023-05", "统计期");
    }

    @Test
    void fileWithoutAnyPeriodIsRejected() throws IOException {
        // no 统计期 column, a title without a month, no --period
        Path f = TestFiles.utf8(dir.resolve("period"), "bad_no_period.csv", "各县市区固定资产投资完成情况", "县市区,同比增长(%)", "桃城区,5.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);
        assertRejected(r, f, before, "找不到统计期", "--period");
    }

    @Test
    void periodCellThatIsNoPeriodIsQuarantinedEvenWithATitle() {
        // title 1-6月; row 3 says 2023年1-6月 (agrees, loads: 桃城区 +5.0), row 4 says 2023年3-6月, which is not
        // a year-to-date period: that row is refused, not filed under the title's 2023-06
        Path f = TestFiles.utf8(
                dir.resolve("period-cell"),
                "bad_period_cell.csv",
                "2023年1-6月各县市区固定资产投资完成情况",
                "统计期,县市区,同比增长(%)",
                "2023年1-6月,桃城区,5.0",
                "2023年3-6月,冀州区,3.0");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.rowsLoaded()).as("rows loaded: %s", r.reasons()).isEqualTo(1);
        assertThat(r.rowsQuarantined()).as("rows quarantined").isEqualTo(1);
        assertThat(r.reasons())
                .as("reasons")
                .singleElement()
                .asString()
                .contains("bad_period_cell.csv", "第4行", "「2023年3-6月」不是可识别的统计期");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-06", "131102", "all", null, null, 5.0, "reported"}),
                silverOf(r.loadId()));
        assertEarlierRowsKept(before, r.loadId());
    }

    @Test
    void duplicateRegionRowsAreQuarantined() {
        // 2023-05: 桃城区 (row 3) and 桃城 (row 5) are the same region: neither can win, both quarantined;
        // 冀州区 (row 4) 20600 / +3.0 loads
        Path f = TestFiles.utf8(
                dir.resolve("duplicate"),
                "bad_duplicate.csv",
                "2023年1-5月各县市区固定资产投资完成情况",
                "县市区,本年累计(万元),同比增长(%)",
                "桃城区,52500,5.0",
                "冀州区,20600,3.0",
                "桃城,52800,5.5");
        Snapshot before = Snapshot.take();
        FileLoadResult r = LoadJob.on(w).execute(f);

        assertThat(r.status()).as("status: %s", r.reasons()).isEqualTo(FileLoadResult.Status.PARTIAL);
        assertThat(r.rowsLoaded()).as("rows loaded").isEqualTo(1);
        assertThat(r.rowsQuarantined()).as("rows quarantined").isEqualTo(2);
        assertThat(r.reasons()).as("reasons").hasSize(2);
        assertThat(r.reasons().get(0)).as("first copy").contains("bad_duplicate.csv", "第3行", "出现了不止一次");
        assertThat(r.reasons().get(1)).as("second copy").contains("bad_duplicate.csv", "第5行", "出现了不止一次");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2023-05", "131103", "all", dec("20600"), null, 3.0, "reported"}),
                silverOf(r.loadId()));
        assertEarlierRowsKept(before, r.loadId());
        assertThat(spark().sql("SELECT count(*) FROM silver.stats WHERE period = '2023-05' AND region_code = '131102'")
                        .first()
                        .getLong(0))
                .as("no 桃城区 row for 2023-05")
                .isZero();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
