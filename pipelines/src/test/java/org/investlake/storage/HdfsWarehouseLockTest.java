package org.investlake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The warehouse lock on HDFS (its write-lease way) against a real namenode and datanode ({@link MiniHdfs}), with
 * the other writer in a JVM of its own ({@link LockHolderMain}): it is waited for with the local lock's message,
 * and one that is killed holds the next writer back only until the namenode's soft limit on its lease has passed.
 */
class HdfsWarehouseLockTest {
    /** HDFS's soft limit on a write lease, and the namenode's default hard limit (20 min). */
    private static final long SOFT_MS = 60_000;

    private static final long HARD_MS = 1_200_000;

    static MiniHdfs hdfs;
    private static final ExecutorService pool = Executors.newCachedThreadPool();
    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    @BeforeAll
    static void startHdfs() {
        hdfs = MiniHdfs.shared();
    }

    @AfterAll
    static void stopHdfs() {
        pool.shutdownNow();
    }

    private static String root(String name) {
        return hdfs.uri() + "/lock-test/" + name;
    }

    @Test
    void aReleasedLockIsTakenAgainAndTheFileKeepsOneRecordPerHolder() throws Exception {
        String root = root("again");
        try (WarehouseLock first = WarehouseLock.on(root).command("load").acquire()) {
            assertThat(first.lockFile()).isEqualTo(root + "/_investlake.lock");
        }
        try (WarehouseLock second = WarehouseLock.on(root).command("build").acquire()) {
            // taken through append: the first record stays, closed; the second is this holder's
            String text = read(root + "/_investlake.lock");
            assertThat(text).containsOnlyOnce("command=load").containsOnlyOnce("command=build");
            assertThat(text.indexOf("command=load")).isLessThan(text.indexOf("command=build"));
            assertThat(text.split("pid=" + PID, -1)).hasSize(3);
        }
    }

    @Test
    void anotherProcessHoldingTheLeaseIsWaitedFor() throws Exception {
        String root = root("waited");
        // a holder before it: the child then takes the lock by appending, and its record must be the one read
        WarehouseLock.on(root).command("restore").acquire().close();
        Process child = holder(root);
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            awaitLine(out, "locked");
            String childPid = String.valueOf(child.pid());

            assertThatThrownBy(() -> WarehouseLock.on(root)
                            .timeout(Duration.ofMillis(500))
                            .acquire())
                    .isInstanceOf(WarehouseLock.LockedException.class)
                    .hasMessageContaining("another load (pid " + childPid + ", started ")
                    .hasMessageContaining(root + "/_investlake.lock");

            StringWriter note = new StringWriter();
            Future<Long> waiting = pool.submit(() -> {
                try (WarehouseLock l = WarehouseLock.on(root)
                        .timeout(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .note(new PrintWriter(note, true))
                        .acquire()) {
                    return System.nanoTime();
                }
            });
            Thread.sleep(500);
            assertThat(waiting.isDone()).isFalse();
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            awaitLine(out, "released");
            long releasedSeenAt = System.nanoTime();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isLessThan(releasedSeenAt + TimeUnit.SECONDS.toNanos(5));
            assertThat(note.toString())
                    .startsWith("waiting for another load on this warehouse (started by pid " + childPid + " at ");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledHolderHoldsTheNextWriterBackOnlyUntilItsLeaseExpires() throws Exception {
        String root = root("killed");
        Process child = holder(root);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        awaitLine(out, "locked");
        String childPid = String.valueOf(child.pid());
        child.destroyForcibly(); // SIGKILL: no release, no close, its lease simply stops being renewed
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // within the soft limit the dead holder still counts as a writer
        assertThatThrownBy(() ->
                        WarehouseLock.on(root).timeout(Duration.ofSeconds(1)).acquire())
                .isInstanceOf(WarehouseLock.LockedException.class)
                .hasMessageContaining("another load (pid " + childPid);
        // HDFS's soft limit is 60 s; a short one here lets the suite see the recovery without waiting a minute
        // (the cluster test waits out the real one)
        hdfs.leaseLimits(2_000, HARD_MS);
        try {
            long t0 = System.nanoTime();
            try (WarehouseLock lock = WarehouseLock.on(root)
                    .command("run")
                    .timeout(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .acquire()) {
                String text = read(root + "/_investlake.lock");
                assertThat(text.substring(text.lastIndexOf("pid=")))
                        .startsWith("pid=" + PID + "\n")
                        .contains("command=run");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        } finally {
            hdfs.leaseLimits(SOFT_MS, HARD_MS);
        }
    }

    private static Process holder(String root) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderMain.class.getName(),
                        root,
                        "load")
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the child's output until {@code line} (the HDFS client may log a warning before it). */
    private static void awaitLine(BufferedReader r, String line) throws Exception {
        String seen = CompletableFuture.supplyAsync(
                        () -> {
                            StringBuilder all = new StringBuilder();
                            try {
                                for (String l; (l = r.readLine()) != null; ) {
                                    if (l.equals(line)) {
                                        return l;
                                    }
                                    all.append(l).append('\n');
                                }
                            } catch (java.io.IOException e) {
                                // the child ended
                            }
                            return all.toString();
                        },
                        pool)
                .get(60, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo(line);
    }

    private static String read(String uri) throws java.io.IOException {
        FileSystem fs = FileSystem.get(URI.create(uri), new Configuration());
        try (var in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
