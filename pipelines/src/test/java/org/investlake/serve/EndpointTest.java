package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.marts.BuildJob;
import org.investlake.storage.TableDoc;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over a small warehouse, through Hive JDBC as DBeaver or Superset would connect: the
 * 1-2月 stats fixture ({@link StatsFixture}) loaded and region_growth / sector_growth built before the
 * endpoint starts; 1-3月 and 1-4月 loaded by this JVM while it runs, as another process would, one of them
 * while clients query under load. The tests hold in any order.
 */
class EndpointTest extends SparkTest {
    private static final int CLIENTS = Integer.getInteger("endpoint.clients", 4);
    private static final int SECONDS = Integer.getInteger("endpoint.seconds", 10);

    @TempDir
    static Path dir;

    static Path root;
    static EndpointFixture endpoint;

    @BeforeAll
    static void loadAndServe() {
        root = dir.resolve("warehouse");
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        BuildJob.on(w).marts("region_growth", "sector_growth").execute();
        endpoint = EndpointFixture.start(root);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
            // SIGTERM (Ctrl-C alike): the JVM ends through its shutdown hooks, which stop the server
            assertThat(endpoint.endedOnSigterm()).as("serve ended on SIGTERM").isTrue();
        }
    }

    @Test
    void goldIsReadableWithHandWorkedValues() throws SQLException {
        // 1-2月: 桃城区 10800/10000 = +8.0 vs target 7.5 → gap +0.5, rank 1 of 8.0 > 6.0 > 3.0;
        // 武强县 4120/4000 = +3.0 vs 8.0 → gap −5.0, rank 3; 全市 20220/19000 = +6.4, unranked
        assertThat(query("SELECT region_code, ytd_growth_pct, gap_pp, rank FROM gold.region_growth "
                        + "WHERE period = '2023-02' AND region_code IN ('131100', '131102', '131123') "
                        + "ORDER BY region_code"))
                .containsExactly(
                        List.of("131100", new BigDecimal("6.4"), new BigDecimal("-0.6"), "null"),
                        List.of("131102", new BigDecimal("8.0"), new BigDecimal("0.5"), 1),
                        List.of("131123", new BigDecimal("3.0"), new BigDecimal("-5.0"), 3));
        // the marts not built are simply not there; the built ones and silver are
        assertThat(query("SELECT count(*) FROM silver.stats WHERE period = '2023-02'"))
                .as("3 units + 全市 of the 1-2月 file")
                .containsExactly(List.of(4L));
    }

    @Test
    void schemasTablesAndCommentsAreListed() throws SQLException {
        assertThat(column(query("SHOW SCHEMAS"), 0)).contains("bronze", "silver", "gold", "ops");
        assertThat(column(query("SHOW TABLES IN gold"), 1)).contains("region_growth", "sector_growth");

        Map<String, Object> comments = new LinkedHashMap<>();
        for (List<Object> r : query("DESCRIBE gold.region_growth")) {
            comments.putIfAbsent((String) r.get(0), r.get(2));
        }
        assertThat(comments.get("ytd_growth_pct"))
                .isEqualTo(TableDoc.load("gold", "region_growth")
                        .column("ytd_growth_pct")
                        .orElseThrow()
                        .comment())
                .asString()
                .startsWith("累计增速(%) — ");
        assertThat(query("DESCRIBE TABLE EXTENDED gold.region_growth").stream()
                        .filter(r -> "Comment".equals(r.get(0)))
                        .map(r -> (String) r.get(1))
                        .toList())
                .singleElement()
                .asString()
                .startsWith("各县市区固定资产投资增速与目标对比及排名");
    }

    @Test
    void jdbcMetadataListsTablesAndColumns() throws SQLException {
        try (Connection c = endpoint.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            List<String> remarks = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "gold", "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                    remarks.add(rs.getString("REMARKS"));
                }
            }
            assertThat(tables).contains("region_growth", "sector_growth");
            assertThat(remarks.get(tables.indexOf("region_growth"))).startsWith("各县市区固定资产投资增速");

            Map<String, String> columns = new LinkedHashMap<>();
            try (ResultSet rs = md.getColumns(null, "gold", "region_growth", "%")) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                }
            }
            assertThat(columns)
                    .containsEntry("period", "STRING")
                    .containsEntry("ytd_growth_pct", "DECIMAL(6,1)")
                    .containsEntry("rank", "INT");
        }
    }

    @Test
    void aLoadAfterStartIsSeenByTheNextQuery() throws SQLException {
        try (Connection c = endpoint.connect()) {
            Warehouse w = warehouse(dir); // the test JVM's own session, as another process
            LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
            BuildJob.on(w).marts("region_growth").execute();
            // 1-3月 冀州区 7440/8000 = −7.0, 6.0 before → change −13.0
            assertThat(query(
                            c,
                            "SELECT ytd_growth_pct, change_pp FROM gold.region_growth "
                                    + "WHERE period = '2023-03' AND region_code = '131103'"))
                    .containsExactly(List.of(new BigDecimal("-7.0"), new BigDecimal("-13.0")));
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> endpoint.connect(EndpointFixture.USER, "wrong").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() ->
                        endpoint.connect("nobody", EndpointFixture.PASSWORD).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void writesAreRefusedAndChangeNothing() throws SQLException {
        try (Connection c = endpoint.connect()) {
            List<List<Object>> before = query(c, "DESCRIBE HISTORY gold.sector_growth");
            Map<String, String> writes = Map.of(
                    "DROP TABLE gold.sector_growth", "DROP TABLE",
                    "INSERT INTO gold.sector_growth SELECT * FROM gold.sector_growth", "INSERT",
                    "CREATE TABLE gold.copy AS SELECT * FROM gold.sector_growth", "CREATE TABLE … AS SELECT",
                    "DELETE FROM gold.sector_growth", "DELETE",
                    "RESTORE TABLE gold.sector_growth TO VERSION AS OF 0", "RESTORE");
            for (var write : writes.entrySet()) {
                assertThatThrownBy(() -> query(c, write.getKey()))
                        .as(write.getKey())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("「" + write.getValue() + "」不是只读语句");
            }
            assertThat(query(c, "DESCRIBE HISTORY gold.sector_growth"))
                    .as("no new version")
                    .hasSameSizeAs(before);
            assertThat(column(query(c, "SHOW TABLES IN gold"), 1)).doesNotContain("copy");
            // the client's own session may still move: drivers send USE on connect
            query(c, "USE gold");
            assertThat(query(c, "SELECT count(*) FROM sector_growth")).hasSize(1);
        }
    }

    @Test
    void theUsersFileHoldsNoPasswordAndIsOwnerOnly() throws Exception {
        Path file = Path.of(Accounts.beside(root.toString()).file());
        assertThat(file).isEqualTo(dir.resolve("warehouse.users"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String text = Files.readString(file);
        assertThat(text)
                .contains(EndpointFixture.USER + ":pbkdf2-sha256:600000:")
                .doesNotContain(EndpointFixture.PASSWORD);
    }

    @Test
    void noAuthOnAPublicAddressIsRefused() throws Exception {
        EndpointFixture.Finished refused = EndpointFixture.run(root, List.of("--no-auth", "--bind", "0.0.0.0"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output())
                .contains("--no-auth 只能用于本机地址")
                .contains("investlake users add NAME")
                .doesNotContain("Exception");
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = endpoint.connect()) {
            return query(c, sql);
        }
    }

    static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? "null" : v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static List<Object> column(List<List<Object>> rows, int i) {
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /** 1-4月, in the 1-3月 file's layout: 桃城区 22000/20000 = +10.0, 冀州区 10600/10000 = +6.0, 武强县 8400/8000 = +5.0. */
    static Path april(Path dir) {
        return TestFiles.utf8(
                dir,
                "2023年1-4月各县市区固定资产投资.csv",
                "2023年1-4月各县市区固定资产投资完成情况",
                "单位:万元",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,22000,20000,10.0",
                "冀州区,10600,10000,6.0",
                "武强县,8400,8000,5.0",
                "全市,41000,38000,7.9");
    }

    /**
     * Load held: JDBC clients query gold.region_growth while this JVM, as another process would, loads 1-3月 (already
     * there if {@link #aLoadAfterStartIsSeenByTheNextQuery} ran first: then skipped) and 1-4月 and rebuilds the mart.
     * Every answer must be right and no query may fail. Scaled down for the suite (4 clients × 10 s); the full run
     * is {@code bin/endpoint-bench}, which prints queries per second and the slowest query. Here rather than in a
     * class of its own: it needs this class's warehouse and endpoint, and an endpoint JVM costs ~15 s to start.
     */
    @Test
    void clientsGetRightAnswersWhileNewMonthsAreLoaded() throws Exception {
        // what a client may see of each period: 桃城区's growth (fixture arithmetic above and in StatsFixture)
        Map<String, BigDecimal> taocheng = Map.of(
                "2023-02", new BigDecimal("8.0"), "2023-03", new BigDecimal("10.0"), "2023-04", new BigDecimal("10.0"));
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Set<String> periodsSeen = ConcurrentHashMap.newKeySet();
        AtomicLong queries = new AtomicLong();
        AtomicLong slowestNanos = new AtomicLong();
        String[] slowest = new String[1];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(pool.submit(() -> {
                    try (Connection c = endpoint.connect()) {
                        do { // at least one query each, however slow the machine
                            String sql = "SELECT period, count(*), max(CASE WHEN region_code = '131102' "
                                    + "THEN ytd_growth_pct END) FROM gold.region_growth GROUP BY period";
                            long t0 = System.nanoTime();
                            Map<String, Object[]> byPeriod = growthByPeriod(c, sql);
                            long took = System.nanoTime() - t0;
                            queries.incrementAndGet();
                            synchronized (slowest) {
                                if (took > slowestNanos.get()) {
                                    slowestNanos.set(took);
                                    slowest[0] = sql;
                                }
                            }
                            byPeriod.forEach((period, r) -> {
                                periodsSeen.add(period);
                                // a period is all there or not there: 13 units + 全市 = 14 rows
                                if (((Number) r[0]).longValue() != 14
                                        || !taocheng.containsKey(period)
                                        || ((BigDecimal) r[1]).compareTo(taocheng.get(period)) != 0) {
                                    errors.add("wrong answer for " + period + ": " + List.of(r));
                                }
                            });
                            if (!byPeriod.containsKey("2023-02")) {
                                errors.add("2023-02 missing: " + byPeriod.keySet());
                            }
                        } while (System.nanoTime() < end);
                    } catch (SQLException | RuntimeException e) {
                        errors.add(e.toString());
                    }
                }));
            }
            Warehouse w = warehouse(dir); // the test JVM's own session, as another process
            Future<?> writer = pool.submit(() -> {
                LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
                BuildJob.on(w).marts("region_growth").execute();
                LoadJob.on(w).execute(april(dir.resolve("in")));
                BuildJob.on(w).marts("region_growth").execute();
                return null;
            });
            writer.get(10, TimeUnit.MINUTES);
            for (Future<?> client : clients) {
                client.get(SECONDS + 120L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        double qps = queries.get() / (double) SECONDS;
        System.out.printf(
                "endpoint under load: %d clients × %d s: %d queries, %.1f queries/s, slowest %.2f s (%s), %d errors%n",
                CLIENTS, SECONDS, queries.get(), qps, slowestNanos.get() / 1e9, slowest[0], errors.size());
        assertThat(errors).as("errors and wrong answers").isEmpty();
        assertThat(queries.get()).as("queries answered").isGreaterThanOrEqualTo(CLIENTS);
        // after the writer: the new month is there for the next query, with its hand-worked value
        try (Connection c = endpoint.connect()) {
            assertThat(growthByPeriod(
                                    c,
                                    "SELECT period, count(*), max(CASE WHEN region_code = '131102' THEN ytd_growth_pct END) "
                                            + "FROM gold.region_growth GROUP BY period")
                            .keySet())
                    .containsExactly("2023-02", "2023-03", "2023-04");
        }
    }

    private static Map<String, Object[]> growthByPeriod(Connection c, String sql) throws SQLException {
        Map<String, Object[]> out = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getBigDecimal(3)});
            }
        }
        return out;
    }
}
