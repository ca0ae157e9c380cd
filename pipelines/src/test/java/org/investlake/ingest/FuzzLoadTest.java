package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.quality.FeedSchema;
import org.investlake.quality.RuleEngine;
import org.investlake.storage.SqlFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic fuzzing (fixed seeds, 25 cases) of three small good files — a stats CSV, a projects CSV
 * and a bonds xlsx — by byte damage (flipped, inserted bytes, truncation) and by row shuffles and cell
 * swaps. Whatever the damage, a file is either refused with a reason that names it, or read into rows
 * whose every refusal and warning renders as a message; nothing throws.
 *
 * <p>Most cases run the loader's checks without writing (read, detect feed, find header, stage rows,
 * resolve the period, run the silver SQL and the rules, render messages, reconcile 合计 rows: what
 * {@link LoadJob#execute} does before its first write). Five cases go through {@link LoadJob#execute} on a
 * warehouse that already holds a good projects month: it returns a result (never throws), the result
 * gives reasons whenever it refuses the file or quarantines rows, and a refused file leaves every silver
 * table exactly as it was.
 */
class FuzzLoadTest extends SparkTest {
    @TempDir
    static Path dir;

    private static Warehouse w;
    /** What each case came to, printed after the class (the test output shows what the damage did). */
    private static final List<String> OUTCOMES = new ArrayList<>();

    @AfterAll
    static void printOutcomes() {
        OUTCOMES.forEach(o -> System.out.println("fuzz: " + o));
    }

    private static final String[] STATS_LINES = {
        "2023年1-2月各县市区固定资产投资完成情况",
        "单位:万元",
        "县市区,本年累计(万元),上年同期,累计增速(%)",
        "桃城区,10800,10000,8.0",
        "冀州区,5300,5000,6.0",
        "武强县,4120,4000,3.0",
        "全市,20220,19000,6.4",
        "注:1-2月数据合并发布。",
    };

    private static final String[] PROJECT_LINES = {
        ProjectsFixture.TITLE,
        "单位:万元",
        ProjectsFixture.HEADER_WAN,
        "2301-131102-04-01-590001,桃城区装备园,桃城区,工业,省重点,省重点项目库,续建,10000,5000,2000,2023-01,2023-02,否,张三,发改局,2023-06",
        "2302-131103-01-02-590002,冀州区农业园,冀州区,农业,市重点,市重点项目库,新开工,8000,4000,0,2023-07,,是,李四,农业局,2023-06",
        "2303-131127-05-01-590003,景县管网,景县,市政基础设施,一般,一般项目库,竣工,6000,1000,900,2022-05,2022-06,否,王五,住建局,2023-06",
        "合计,,,,,,,24000,10000,2900,,,,,,",
    };

    private static List<List<Object>> bondRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(List.of("2023年6月地方政府专项债券项目进展情况")));
        rows.add(new ArrayList<>(List.of("单位:万元")));
        rows.add(new ArrayList<>(BondsLoadTest.HEADER));
        rows.add(new ArrayList<>(Arrays.asList(
                "2208-131102-05-01-690001",
                "桃城区改造",
                "桃城区",
                "2023年第一批",
                12000,
                LocalDate.of(2023, 2, 15),
                8000,
                5200.5,
                6000,
                "已开工",
                "2023-06")));
        rows.add(new ArrayList<>(Arrays.asList(
                "2209-131121-03-02-690002",
                "枣强冷链",
                "枣强县",
                "2023年第二批",
                5000,
                LocalDate.of(2023, 4, 20),
                4000,
                0,
                0,
                "未开工",
                "2023-06")));
        rows.add(new ArrayList<>(Arrays.asList(
                "2210-131126-02-01-690003",
                "故城供水",
                "故城县",
                "2023年第一批",
                3000,
                LocalDate.of(2023, 3, 10),
                2500,
                1800,
                2200,
                "是",
                "2023-06")));
        return rows;
    }

    @BeforeAll
    static void warehouseWithAGoodProjectsMonth() {
        w = warehouse(dir);
        IngestFunctions.register(spark());
        FileLoadResult good =
                LoadJob.on(w).execute(TestFiles.utf8(dir.resolve("good"), "good-projects.csv", PROJECT_LINES));
        assertThat(good.status())
                .as("the undamaged projects file loads: %s", good.reasons())
                .isEqualTo(FileLoadResult.Status.LOADED);
    }

    // ---------------------------------------------------------------- the cases

    /**
     * FLIP / INSERT: random bytes (mostly breaks the encoding); FLIP_ASCII / INSERT_ASCII: ASCII bytes that
     * keep the text valid UTF-8 (quotes, separators, line breaks, digits, signs) so the damage reaches the
     * CSV parser, the header and the numbers; TRUNCATE: cut anywhere; TRUNCATE_EARLY: cut in the title;
     * INSERT_FF: 0xFF bytes (valid in neither UTF-8 nor GB18030).
     */
    enum Damage {
        FLIP,
        FLIP_ASCII,
        TRUNCATE,
        TRUNCATE_EARLY,
        INSERT,
        INSERT_ASCII,
        INSERT_FF,
        SHUFFLE_ROWS,
        SWAP_CELLS
    }

    private static final byte[] ASCII_DAMAGE =
            "\",\r\n\t0123456789.-+e% ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** name, base file, damage, seed, and whether it goes through a full LoadJob.execute. */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // stats CSV: 8 cases
        out.add(Arguments.of("stats", Damage.FLIP, 11L, true));
        out.add(Arguments.of("stats", Damage.FLIP_ASCII, 12L, false));
        out.add(Arguments.of("stats", Damage.TRUNCATE, 13L, false));
        out.add(Arguments.of("stats", Damage.TRUNCATE, 14L, false));
        out.add(Arguments.of("stats", Damage.INSERT, 15L, false));
        out.add(Arguments.of("stats", Damage.INSERT_ASCII, 16L, false));
        out.add(Arguments.of("stats", Damage.SHUFFLE_ROWS, 17L, false));
        out.add(Arguments.of("stats", Damage.SWAP_CELLS, 18L, false));
        // projects CSV: 9 cases
        out.add(Arguments.of("projects", Damage.TRUNCATE_EARLY, 21L, true));
        out.add(Arguments.of("projects", Damage.INSERT_FF, 22L, true));
        out.add(Arguments.of("projects", Damage.SHUFFLE_ROWS, 23L, true));
        out.add(Arguments.of("projects", Damage.FLIP, 24L, false));
        out.add(Arguments.of("projects", Damage.FLIP_ASCII, 25L, false));
        out.add(Arguments.of("projects", Damage.TRUNCATE, 26L, false));
        out.add(Arguments.of("projects", Damage.INSERT_ASCII, 27L, false));
        out.add(Arguments.of("projects", Damage.SWAP_CELLS, 28L, false));
        out.add(Arguments.of("projects", Damage.SWAP_CELLS, 29L, false));
        // bonds xlsx: 8 cases
        out.add(Arguments.of("bonds", Damage.TRUNCATE, 31L, true));
        out.add(Arguments.of("bonds", Damage.FLIP, 32L, false));
        out.add(Arguments.of("bonds", Damage.FLIP, 33L, false));
        out.add(Arguments.of("bonds", Damage.TRUNCATE, 34L, false));
        out.add(Arguments.of("bonds", Damage.INSERT, 35L, false));
        out.add(Arguments.of("bonds", Damage.SHUFFLE_ROWS, 36L, false));
        out.add(Arguments.of("bonds", Damage.SWAP_CELLS, 37L, false));
        out.add(Arguments.of("bonds", Damage.SWAP_CELLS, 38L, false));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2} full load {3}")
    @MethodSource("cases")
    void damagedFileIsRefusedWithAReasonOrLoadsRowsWithReasons(String base, Damage damage, long seed, boolean fullLoad)
            throws Exception {
        Path file = damaged(base, damage, seed);
        String name = file.getFileName().toString();
        if (!fullLoad) {
            OUTCOMES.add(name + " " + damage + ": " + checkWithoutWriting(file));
            return;
        }
        Map<String, Snapshot> before = silverSnapshots();
        FileLoadResult r;
        try {
            r = LoadJob.on(w).execute(file);
        } catch (Throwable t) {
            throw new AssertionError("LoadJob.execute threw on " + name + " (" + damage + ", seed " + seed + ")", t);
        }
        assertThat(r).as("result of %s", name).isNotNull();
        OUTCOMES.add(name + " " + damage + " (full load): " + r.status() + " read " + r.rowsRead() + " loaded "
                + r.rowsLoaded() + " quarantined " + r.rowsQuarantined() + " " + r.reasons());
        if (r.status() == FileLoadResult.Status.REJECTED || r.rowsQuarantined() > 0) {
            assertThat(r.reasons())
                    .as("reasons of %s (%s)", name, r.status())
                    .isNotEmpty()
                    .allSatisfy(reason -> assertThat(reason)
                            .as("a reason of %s", name)
                            .isNotBlank()
                            .contains(name));
        }
        if (r.status() == FileLoadResult.Status.REJECTED) {
            assertThat(silverSnapshots())
                    .as("silver after the refused %s", name)
                    .isEqualTo(before);
        }
        if (damage == Damage.TRUNCATE_EARLY || base.equals("bonds") && damage == Damage.TRUNCATE) {
            // cut inside the title line: no header is left; a truncated xlsx is no zip archive
            assertThat(r.status()).as("status of %s: %s", name, r.reasons()).isEqualTo(FileLoadResult.Status.REJECTED);
        }
    }

    // ---------------------------------------------------------------- the loader's checks, without writes

    /** What LoadJob.execute decides before its first write; only FileRejectedException may leave it. */
    private static String checkWithoutWriting(Path path) throws IOException {
        InputFile file = InputFile.read(path);
        SparkSession spark = spark();
        try {
            Grid grid = GridReader.forFile(file, spark).read(file);
            FeedSchema schema = FeedDetector.detect(grid, file.name());
            FileLayout layout = LayoutDetector.detect(grid, schema, file.name());
            RowStager stager = new RowStager(schema, layout);
            RowStager.Staged staged = stager.stage(grid, file, "fuzz", new Timestamp(0));
            List<Grid.Row> dataRows = staged.dataRows();
            if (dataRows.isEmpty()) {
                return "no data rows (not_empty)";
            }
            Optional<YearMonth> filePeriod =
                    PeriodResolver.resolve(layout, staged.summary(), Optional.empty(), file.name());
            assertThat(staged.stagedRows()).as("staged rows of %s", file.name()).hasSize(dataRows.size());

            FeedViews.register(w, schema);
            staged.staged(spark, schema)
                    .withColumn(
                            "file_period",
                            org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .lit(filePeriod.map(Periods::format).orElse(null))
                                    .cast("string"))
                    .createOrReplaceTempView(schema.feed() + "_staged");
            List<Row> rows = RuleEngine.judge(spark, SqlFiles.load("silver", schema.feed()), schema)
                    .select("source_row", "violations", "warnings", "failures")
                    .collectAsList();
            assertThat(rows)
                    .as("parsed rows of %s: one per data row", file.name())
                    .hasSize(dataRows.size());
            MessageRenderer messages = new MessageRenderer(schema, layout, w.reference(), file.name());
            int[] fired = new int[4];
            for (Row r : rows) {
                for (int k = 1; k <= 3; k++) {
                    fired[k] += r.<Row>getList(k).isEmpty() ? 0 : 1;
                    for (Row v : r.<Row>getList(k)) {
                        assertThat(v.getString(0))
                                .as("rule id in %s row %s", file.name(), r.getInt(0))
                                .isNotBlank();
                        assertThat(messages.render(r.getInt(0), v))
                                .as("message of %s in %s", v.getString(0), file.name())
                                .contains(file.name(), "第" + r.getInt(0) + "行");
                    }
                }
            }
            TotalRowReconciler.check(schema, layout, staged.summary(), staged.totalRows(), file.name())
                    .forEach(t ->
                            assertThat(t).as("total warning of %s", file.name()).contains(file.name()));
            return schema.feed() + ", " + rows.size() + " rows: " + fired[1] + " with drops, " + fired[2]
                    + " with warnings, " + fired[3] + " with fail rules";
        } catch (FileRejectedException e) {
            assertThat(e.getMessage())
                    .as("refusal of %s (%s)", file.name(), e.ruleId())
                    .isNotBlank()
                    .contains(file.name());
            assertThat(e.ruleId()).as("rule of the refusal of %s", file.name()).isNotBlank();
            return "refused " + e.ruleId() + ": " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- silver snapshots

    /** One silver table: its Delta version and its rows as text, sorted. */
    record Snapshot(long version, List<String> rows) {}

    private static Map<String, Snapshot> silverSnapshots() {
        Map<String, Snapshot> out = new LinkedHashMap<>();
        for (String feed : List.of("stats", "projects", "bonds")) {
            if (!w.exists("silver", feed)) {
                out.put(feed, null);
                continue;
            }
            String location = w.location("silver", feed);
            long version = io.delta.tables.DeltaTable.forPath(spark(), location)
                    .history(1)
                    .first()
                    .getLong(0);
            List<String> rows = new ArrayList<>(spark().read().format("delta").load(location).collectAsList().stream()
                    .map(Row::toString)
                    .toList());
            Collections.sort(rows);
            out.put(feed, new Snapshot(version, rows));
        }
        return out;
    }

    // ---------------------------------------------------------------- damage

    private static Path damaged(String base, Damage damage, long seed) {
        Random rnd = new Random(seed);
        Path out = dir.resolve("fuzz").resolve(base + "-" + damage.name().toLowerCase() + "-" + seed);
        boolean xlsx = base.equals("bonds");
        String name = base + "-" + seed + (xlsx ? ".xlsx" : ".csv");
        String[] lines = base.equals("stats") ? STATS_LINES : PROJECT_LINES;
        switch (damage) {
            case SHUFFLE_ROWS -> {
                if (xlsx) {
                    List<List<Object>> rows = bondRows();
                    Collections.shuffle(rows, rnd);
                    return TestFiles.xlsx(out, name, rows);
                }
                List<String> l = new ArrayList<>(List.of(lines));
                Collections.shuffle(l, rnd);
                return TestFiles.utf8(out, name, l.toArray(String[]::new));
            }
            case SWAP_CELLS -> {
                int swaps = 1 + rnd.nextInt(3);
                if (xlsx) {
                    List<List<Object>> rows = bondRows();
                    for (int s = 0; s < swaps; s++) {
                        List<Object> row = rows.get(rnd.nextInt(rows.size()));
                        Collections.swap(row, rnd.nextInt(row.size()), rnd.nextInt(row.size()));
                    }
                    return TestFiles.xlsx(out, name, rows);
                }
                String[] l = lines.clone();
                for (int s = 0; s < swaps; s++) {
                    int i = rnd.nextInt(l.length);
                    List<String> cells = new ArrayList<>(Arrays.asList(l[i].split(",", -1)));
                    Collections.swap(cells, rnd.nextInt(cells.size()), rnd.nextInt(cells.size()));
                    l[i] = String.join(",", cells);
                }
                return TestFiles.utf8(out, name, l);
            }
            default -> {
                Path good = xlsx
                        ? TestFiles.xlsx(out.resolve("good"), name, bondRows())
                        : TestFiles.utf8(out.resolve("good"), name, lines);
                byte[] bytes = read(good);
                return write(out, name, damageBytes(bytes, damage, rnd));
            }
        }
    }

    private static byte[] damageBytes(byte[] b, Damage damage, Random rnd) {
        switch (damage) {
            case FLIP -> {
                byte[] c = b.clone();
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    c[rnd.nextInt(c.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                return c;
            }
            case FLIP_ASCII -> {
                byte[] c = b.clone();
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    int at = rnd.nextInt(c.length);
                    while (c[at] < 0) { // a byte of a multi-byte character: move on to the next ASCII byte
                        at = (at + 1) % c.length;
                    }
                    c[at] = ASCII_DAMAGE[rnd.nextInt(ASCII_DAMAGE.length)];
                }
                return c;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case TRUNCATE_EARLY -> {
                // inside the first 40 bytes: the title line (14 characters, 3 bytes each in UTF-8) at most
                return Arrays.copyOf(b, rnd.nextInt(40));
            }
            case INSERT, INSERT_FF, INSERT_ASCII -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(8)];
                if (damage == Damage.INSERT_FF) {
                    Arrays.fill(extra, (byte) 0xFF);
                } else if (damage == Damage.INSERT_ASCII) {
                    while (at < b.length && (b[at] & 0xC0) == 0x80) { // not inside a multi-byte character
                        at++;
                    }
                    for (int i = 0; i < extra.length; i++) {
                        extra[i] = ASCII_DAMAGE[rnd.nextInt(ASCII_DAMAGE.length)];
                    }
                } else {
                    rnd.nextBytes(extra);
                }
                byte[] c = new byte[b.length + extra.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                return c;
            }
            default -> throw new IllegalArgumentException(damage.name());
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path dirOut, String name, byte[] bytes) {
        try {
            Files.createDirectories(dirOut);
            Path p = dirOut.resolve(name);
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
