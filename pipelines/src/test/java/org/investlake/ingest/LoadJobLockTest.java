package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.investlake.LogCapture;
import org.investlake.SparkTest;
import org.investlake.marts.BuildJob;
import org.investlake.storage.LockHolderMain;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs take the warehouse lock themselves: a caller without the CLI is as safe as the CLI. */
class LoadJobLockTest extends SparkTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private record Finished(FileLoadResult result, long at) {}

    @Test
    void aLoadJobCalledDirectlyWaitsForAnotherProcessThatHoldsTheLock() throws Exception {
        Path feb = StatsFixture.february(dir.resolve("in"));
        Warehouse w = warehouse(dir);
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderMain.class.getName(),
                        w.root(),
                        "build")
                .redirectErrorStream(true)
                .start();
        try (LogCapture log = LogCapture.of(WarehouseLock.class)) {
            BufferedReader childOut =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(childOut), pool)
                            .get(60, TimeUnit.SECONDS))
                    .isEqualTo("locked");

            Future<Finished> load = pool.submit(() -> {
                FileLoadResult r = LoadJob.on(w).execute(feb);
                return new Finished(r, System.nanoTime());
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (log.messages().isEmpty() && !load.isDone() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertThat(load.isDone())
                    .as("the load waits while the other process holds the lock")
                    .isFalse();
            assertThat(w.exists("silver", "stats"))
                    .as("nothing written while waiting")
                    .isFalse();
            assertThat(log.messages())
                    .as("the one note a caller without the CLI sees (the log goes to stderr)")
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("waiting for another build on this warehouse (started by pid " + child.pid() + " at ")
                    .endsWith(")…");

            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            assertThat(CompletableFuture.supplyAsync(() -> readLine(childOut), pool)
                            .get(20, TimeUnit.SECONDS))
                    .isEqualTo("released");
            long releasedSeenAt = System.nanoTime();
            Finished done = load.get(10, TimeUnit.MINUTES);
            assertThat(done.at()).as("finished after the release").isGreaterThan(releasedSeenAt);
            assertThat(done.result().status()).isEqualTo(FileLoadResult.Status.LOADED);
            // the fixture's 4 rows (桃城区, 冀州区, 武强县, 全市), all loaded
            assertThat(spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0))
                    .isEqualTo(4);
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallerHoldingTheLockRunsLoadBuildAndRestoreUnderItWithoutDeadlock() throws Exception {
        Path feb = StatsFixture.february(dir.resolve("a"));
        Path mar = StatsFixture.march(dir.resolve("b"));
        Warehouse w = warehouse(dir);
        Future<Long> run = pool.submit(() -> {
            try (WarehouseLock lock = WarehouseLock.acquire(w, "run")) {
                LoadJob.on(w).execute(feb);
                TableVersions versions = new TableVersions(w);
                long february = versions.current("silver", "stats");
                LoadJob.on(w).execute(mar);
                BuildJob.on(w).marts("region_growth").execute();
                versions.restore("silver.stats", february);
                return spark().sql("SELECT count(*) FROM silver.stats").first().getLong(0);
            }
        });
        // back at February's 4 rows
        assertThat(run.get(10, TimeUnit.MINUTES)).isEqualTo(4);
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
