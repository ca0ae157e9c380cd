package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.investlake.SparkTest;
import org.investlake.ingest.StatsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two `load` commands on one warehouse at once: both succeed (the second waits for the lock). */
class ConcurrentLoadTest extends SparkTest {
    @TempDir
    Path dir;

    @Test
    void twoLoadsAtOnceBothSucceedAndLoseNothing() throws Exception {
        Path feb = StatsFixture.february(dir.resolve("a"));
        Path mar = StatsFixture.march(dir.resolve("b"));
        String wh = dir.resolve("warehouse").toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> Main.run(
                    new String[] {"--warehouse", wh, "load", feb.toString()},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())));
            Future<Integer> second = pool.submit(() -> Main.run(
                    new String[] {"--warehouse", wh, "load", mar.toString()},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())));
            assertThat(first.get(5, TimeUnit.MINUTES)).isZero();
            assertThat(second.get(5, TimeUnit.MINUTES)).isZero();
        } finally {
            pool.shutdownNow();
        }
        warehouse(dir); // register this warehouse's tables in the shared session
        // 4 rows per fixture file, 2 periods; 2 load log rows
        assertThat(spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0))
                .isEqualTo(8);
        assertThat(spark().sql("SELECT count(DISTINCT period) FROM silver.stats")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
        assertThat(spark().sql("SELECT count(*) FROM ops.load_log WHERE status = 'loaded'")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }
}
