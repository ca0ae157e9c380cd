package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.investlake.LogCapture;
import org.investlake.SparkTest;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers on one warehouse at once: the second waits for the first, says so, and nothing is lost. */
class ConcurrentLoadTest extends SparkTest {
    private static final String WAITING = "waiting for another load on this warehouse (started by pid ";

    @TempDir
    Path dir;

    @Test
    void twoLoadsAtOnceTakeTurnsAndLoseNothing() throws Exception {
        Path feb = StatsFixture.february(dir.resolve("a"));
        Path mar = StatsFixture.march(dir.resolve("b"));
        String wh = dir.resolve("warehouse").toString();
        StringWriter firstErr = new StringWriter();
        StringWriter secondErr = new StringWriter();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> Main.run(
                    new String[] {"--warehouse", wh, "load", feb.toString()},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(firstErr, true)));
            Future<Integer> second = pool.submit(() -> Main.run(
                    new String[] {"--warehouse", wh, "load", mar.toString()},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(secondErr, true)));
            assertThat(first.get(10, TimeUnit.MINUTES)).isZero();
            assertThat(second.get(10, TimeUnit.MINUTES)).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(List.of(firstErr.toString(), secondErr.toString()))
                .as("the one that came second said it waited, the other did not")
                .filteredOn(err -> err.contains(WAITING))
                .hasSize(1);
        warehouse(dir); // register this warehouse's tables in the shared session
        assertOneAfterTheOther();
        // 4 rows per fixture file, 2 periods; 2 load log rows
        assertThat(spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0))
                .isEqualTo(8);
        assertThat(spark().sql("SELECT count(DISTINCT period) FROM silver.stats")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }

    @Test
    void twoLoadJobsCalledWithoutTheCliTakeTurnsToo() throws Exception {
        Path feb = StatsFixture.february(dir.resolve("a"));
        Path mar = StatsFixture.march(dir.resolve("b"));
        Warehouse w = warehouse(dir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LogCapture log = LogCapture.of(WarehouseLock.class)) {
            Future<FileLoadResult> first = pool.submit(() -> LoadJob.on(w).execute(feb));
            Future<FileLoadResult> second = pool.submit(() -> LoadJob.on(w).execute(mar));
            assertThat(first.get(10, TimeUnit.MINUTES).status()).isEqualTo(FileLoadResult.Status.LOADED);
            assertThat(second.get(10, TimeUnit.MINUTES).status()).isEqualTo(FileLoadResult.Status.LOADED);
            assertThat(log.messages())
                    .as("the second job logged that it waited")
                    .singleElement()
                    .asString()
                    .startsWith(WAITING);
        } finally {
            pool.shutdownNow();
        }
        assertOneAfterTheOther();
        assertThat(spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0))
                .isEqualTo(8);
    }

    /** The two loads' [started_at, finished_at] do not overlap: the later one began after the first ended. */
    private static void assertOneAfterTheOther() {
        List<Row> loads = spark().sql("SELECT started_at, finished_at FROM ops.load_log WHERE status = 'loaded' "
                        + "ORDER BY started_at")
                .collectAsList();
        assertThat(loads).hasSize(2);
        Timestamp firstFinished = loads.get(0).getTimestamp(1);
        Timestamp secondStarted = loads.get(1).getTimestamp(0);
        assertThat(secondStarted)
                .as("the second load started after the first finished")
                .isAfterOrEqualTo(firstFinished);
    }
}
