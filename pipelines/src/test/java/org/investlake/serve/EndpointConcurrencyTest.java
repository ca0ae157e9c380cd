package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load held: JDBC clients query gold.region_growth through the endpoint while this JVM, as another
 * process would, loads 1-3月 and 1-4月 and rebuilds the mart. Every answer must be right and no query may
 * fail. Scaled down for the suite (4 clients × 10 s); the full run is
 * {@code mvn test -Dtest=EndpointConcurrencyTest -Dendpoint.clients=10 -Dendpoint.seconds=60} (bin/endpoint-bench),
 * which prints queries per second and the slowest query.
 */
class EndpointConcurrencyTest extends SparkTest {
    private static final int CLIENTS = Integer.getInteger("endpoint.clients", 4);
    private static final int SECONDS = Integer.getInteger("endpoint.seconds", 10);

    @TempDir
    static Path dir;

    static Warehouse w;
    static EndpointFixture endpoint;

    @BeforeAll
    static void loadAndServe() {
        w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        BuildJob.on(w).marts("region_growth").execute();
        endpoint = EndpointFixture.start(dir.resolve("warehouse"));
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
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

    @Test
    void clientsGetRightAnswersWhileANewMonthIsLoaded() throws Exception {
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
                            Map<String, Object[]> byPeriod = rows(c, sql);
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
            assertThat(rows(
                                    c,
                                    "SELECT period, count(*), max(CASE WHEN region_code = '131102' THEN ytd_growth_pct END) "
                                            + "FROM gold.region_growth GROUP BY period")
                            .keySet())
                    .containsExactly("2023-02", "2023-03", "2023-04");
        }
    }

    private static Map<String, Object[]> rows(Connection c, String sql) throws SQLException {
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
