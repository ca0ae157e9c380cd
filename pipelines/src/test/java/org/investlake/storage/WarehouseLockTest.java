package org.investlake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lock without Spark: threads of one JVM, a second JVM, and the exclusive-create mode. */
class WarehouseLockTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private String root() {
        return dir.resolve("warehouse").toUri().toString().replaceAll("/$", "");
    }

    @Test
    void aSecondThreadWaitsUntilTheFirstReleasesAndSaysSoOnce() throws Exception {
        StringWriter note = new StringWriter();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] releasedAt = new long[1];
        Future<?> first = pool.submit(() -> {
            try (WarehouseLock lock = WarehouseLock.on(root()).command("load").acquire()) {
                firstHolds.countDown();
                release.await(10, TimeUnit.SECONDS);
                releasedAt[0] = System.nanoTime();
            }
            return null;
        });
        assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Long> second = pool.submit(() -> {
            try (WarehouseLock lock = WarehouseLock.on(root())
                    .command("build")
                    .timeout(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .note(new PrintWriter(note, true))
                    .acquire()) {
                return System.nanoTime();
            }
        });
        // the second thread is waiting once its note is out; the first then holds on for 300 ms more
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (note.toString().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(second.isDone())
                .as("still waiting while the first holds the lock")
                .isFalse();
        release.countDown();
        long acquiredAt = second.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);

        assertThat(acquiredAt).as("acquired after the release").isGreaterThanOrEqualTo(releasedAt[0]);
        assertThat(note.toString().lines().toList())
                .as("one line, printed once")
                .hasSize(1)
                .first()
                .asString()
                .startsWith("waiting for another load on this warehouse (started by pid " + PID + " at ")
                .endsWith(")…");
        assertThat(note.toString()).matches("(?s).* at \\d\\d:\\d\\d\\)….*");
        assertThat(Files.exists(dir.resolve("warehouse/_investlake.lock")))
                .as("the lock file stays, emptied")
                .isTrue();
        assertThat(Files.readString(dir.resolve("warehouse/_investlake.lock"))).isEmpty();
    }

    @Test
    void aTimeoutGivesAClearMessage() throws Exception {
        try (WarehouseLock held = WarehouseLock.on(root()).command("build").acquire()) {
            Future<?> other = pool.submit(() -> WarehouseLock.on(root())
                    .command("load")
                    .timeout(Duration.ofMillis(300))
                    .acquire()
                    .close());
            assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(WarehouseLock.LockedException.class)
                    .hasMessageStartingWith("gave up after 300 ms waiting for the warehouse lock: another build (pid "
                            + PID + ", started ")
                    .hasMessageContaining("still holds " + root() + "/_investlake.lock")
                    .hasMessageEndingWith("try again when it has finished (INVESTLAKE_LOCK_TIMEOUT sets the wait)");
            assertThat(Files.readString(dir.resolve("warehouse/_investlake.lock")))
                    .as("the holder is written into the lock file")
                    .contains("pid=" + PID + "\n")
                    .contains("command=build\n");
        }
    }

    @Test
    void theHoldingThreadMayLockAgainAndOnlyTheLastCloseReleases() throws Exception {
        WarehouseLock outer = WarehouseLock.on(root()).command("run").acquire();
        WarehouseLock inner =
                WarehouseLock.on(root()).command("load").timeout(Duration.ZERO).acquire();
        inner.close();
        assertThat(tryFromAnotherThread()).as("still held by the outer lock").isFalse();
        outer.close();
        assertThat(tryFromAnotherThread()).as("free after the outer close").isTrue();
    }

    private boolean tryFromAnotherThread() throws Exception {
        return pool.submit(() -> {
                    try (WarehouseLock l =
                            WarehouseLock.on(root()).timeout(Duration.ZERO).acquire()) {
                        return true;
                    } catch (WarehouseLock.LockedException e) {
                        return false;
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void anotherProcessHoldingTheFileLockIsWaitedFor() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderMain.class.getName(),
                        root(),
                        "load")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader childOut =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> readLine(childOut), pool)
                    .get(30, TimeUnit.SECONDS);
            assertThat(first).isEqualTo("locked");
            String childPid = String.valueOf(child.pid());

            assertThatThrownBy(() -> WarehouseLock.on(root())
                            .timeout(Duration.ofMillis(200))
                            .acquire())
                    .isInstanceOf(WarehouseLock.LockedException.class)
                    .hasMessageContaining("another load (pid " + childPid + ", started ");

            StringWriter note = new StringWriter();
            Future<Long> waiting = pool.submit(() -> {
                try (WarehouseLock l = WarehouseLock.on(root())
                        .timeout(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(50))
                        .note(new PrintWriter(note, true))
                        .acquire()) {
                    return System.nanoTime();
                }
            });
            Thread.sleep(300);
            assertThat(waiting.isDone()).isFalse();
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            assertThat(CompletableFuture.supplyAsync(() -> readLine(childOut), pool)
                            .get(20, TimeUnit.SECONDS))
                    .isEqualTo("released");
            long releasedSeenAt = System.nanoTime();
            long acquiredAt = waiting.get(20, TimeUnit.SECONDS);
            assertThat(acquiredAt).isLessThan(releasedSeenAt + TimeUnit.SECONDS.toNanos(5));
            assertThat(note.toString())
                    .startsWith("waiting for another load on this warehouse (started by pid " + childPid + " at ");
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void exclusiveCreateFailsAtOnceNamingTheLockFileAndDeletesItOnRelease() throws Exception {
        Path lockFile = dir.resolve("warehouse/_investlake.lock");
        Files.createDirectories(lockFile.getParent());
        // a build on another host, started 2024-05-01 14:05 local time, left its lock file
        String started = LocalDateTime.of(2024, 5, 1, 14, 5)
                .atZone(ZoneId.systemDefault())
                .toInstant()
                .toString();
        Files.writeString(lockFile, "pid=4242\nhost=node7\nstarted=" + started + "\ncommand=build\ntoken=x\n");

        assertThatThrownBy(() -> WarehouseLock.on(root())
                        .exclusiveCreate()
                        .timeout(Duration.ofMinutes(10))
                        .acquire())
                .isInstanceOf(WarehouseLock.LockedException.class)
                .hasMessage(
                        "the warehouse is locked by another build (pid 4242 on host node7, started 2024-05-01 14:05): "
                                + "the lock file " + root()
                                + "/_investlake.lock exists. If no investlake load, build, run or restore "
                                + "is running on this warehouse (one that was killed leaves the file behind), delete that file and "
                                + "try again.");

        Files.delete(lockFile);
        try (WarehouseLock lock =
                WarehouseLock.on(root()).exclusiveCreate().command("restore").acquire()) {
            assertThat(lock.lockFile()).isEqualTo(root() + "/_investlake.lock");
            assertThat(Files.readString(lockFile)).contains("pid=" + PID + "\n").contains("command=restore\n");
            assertThat(tryExclusiveFromAnotherThread())
                    .as("a second writer is refused")
                    .isFalse();
        }
        assertThat(Files.exists(lockFile)).as("deleted on release").isFalse();
        assertThat(tryExclusiveFromAnotherThread()).isTrue();
    }

    private boolean tryExclusiveFromAnotherThread() throws Exception {
        return pool.submit(() -> {
                    try (WarehouseLock l = WarehouseLock.on(root())
                            .exclusiveCreate()
                            .timeout(Duration.ofMillis(100))
                            .acquire()) {
                        return true;
                    } catch (WarehouseLock.LockedException e) {
                        return false;
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTimeoutIsSeconds() {
        assertThat(WarehouseLock.parseSeconds("600")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> WarehouseLock.parseSeconds("10m"))
                .hasMessage("INVESTLAKE_LOCK_TIMEOUT=10m is not a number of seconds (e.g. 600)");
        assertThat(WarehouseLock.human(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(WarehouseLock.human(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(WarehouseLock.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
