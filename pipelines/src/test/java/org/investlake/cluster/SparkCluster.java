package org.investlake.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster on this machine, started for a test: Spark's own {@code Master} and {@code
 * Worker} classes in JVMs of their own on the jars of a Spark distribution ({@code SPARK_HOME/jars}, which the
 * worker also puts on the class path of the executors it launches), and applications submitted with Spark's
 * {@code SparkSubmit} in client mode — the driver is the submitting JVM, the executors are the worker's children,
 * as with {@code spark-submit} on a real cluster.
 */
final class SparkCluster implements AutoCloseable {
    private final Path sparkHome;
    private final List<String> jvmFlags;
    private final Path logs;
    private final String masterUrl;
    private final Launched master;
    private final Launched worker;

    private SparkCluster(
            Path sparkHome, List<String> jvmFlags, Path logs, String masterUrl, Launched master, Launched worker) {
        this.sparkHome = sparkHome;
        this.jvmFlags = jvmFlags;
        this.logs = logs;
        this.masterUrl = masterUrl;
        this.master = master;
        this.worker = worker;
    }

    /** A master and one worker with {@code cores} cores and {@code memory} (e.g. "3g") for executors. */
    static SparkCluster start(Path sparkHome, String jvmFlags, Path workDir, Path logs, int cores, String memory) {
        List<String> flags = Arrays.asList(jvmFlags.trim().split("\\s+"));
        try {
            Files.createDirectories(logs);
            Files.createDirectories(sparkHome.resolve("conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        Launched master = launch(
                sparkHome,
                flags,
                logs.resolve("master.log"),
                workDir,
                Map.of(),
                List.of(
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--webui-port",
                        "0"));
        master.await(l -> l.contains("I have been elected leader"), 120);
        Launched worker = launch(
                sparkHome,
                flags,
                logs.resolve("worker.log"),
                workDir,
                Map.of(),
                List.of(
                        "org.apache.spark.deploy.worker.Worker",
                        url,
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        String.valueOf(cores),
                        "--memory",
                        memory,
                        "--work-dir",
                        workDir.resolve("worker").toString(),
                        "--webui-port",
                        "0"));
        worker.await(l -> l.contains("Successfully registered with master"), 120);
        return new SparkCluster(sparkHome, flags, logs, url, master, worker);
    }

    String masterUrl() {
        return masterUrl;
    }

    /**
     * Submits {@code investlake ARGS…} from {@code distJar} to this cluster, from the working folder {@code cwd},
     * with one core and 1 GB per application (so two can run side by side on the worker).
     */
    Launched submit(String name, Path distJar, Path cwd, Map<String, String> env, String... args) {
        return submit(name, distJar, false, cwd, env, args);
    }

    /**
     * As {@link #submit(String, Path, Path, Map, String...)}, with {@code distJar} also on the driver JVM's class
     * path when {@code onDriverClassPath} — what {@code spark-submit --driver-class-path} does before it starts the
     * driver.
     */
    Launched submit(
            String name, Path distJar, boolean onDriverClassPath, Path cwd, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                masterUrl,
                "--class",
                "org.investlake.cli.Main",
                "--conf",
                "spark.executor.memory=1g",
                "--conf",
                "spark.cores.max=1",
                "--conf",
                "spark.hadoop.dfs.replication=1",
                distJar.toString()));
        command.addAll(List.of(args));
        return launch(
                sparkHome,
                jvmFlags,
                onDriverClassPath ? distJar.toString() : null,
                logs.resolve(name + ".log"),
                cwd,
                env,
                command);
    }

    private static Launched launch(
            Path sparkHome, List<String> flags, Path log, Path cwd, Map<String, String> env, List<String> mainAndArgs) {
        return launch(sparkHome, flags, null, log, cwd, env, mainAndArgs);
    }

    private static Launched launch(
            Path sparkHome,
            List<String> flags,
            String extraClassPath,
            Path log,
            Path cwd,
            Map<String, String> env,
            List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-Xmx1g");
        command.add("-cp");
        command.add((extraClassPath == null ? "" : extraClassPath + ":") + sparkHome.resolve("conf") + "/:"
                + sparkHome.resolve("jars") + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().putAll(env);
        try {
            Files.createDirectories(cwd);
            return new Launched(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainAndArgs.get(0), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        worker.stop();
        master.stop();
    }

    /** A JVM started for the cluster: its output kept in memory and in a log file. */
    static final class Launched {
        private final Process process;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Launched(Process process, Path log) {
            this.process = process;
            this.reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                            for (String l; (l = r.readLine()) != null; ) {
                                lines.add(l);
                                out.write(l);
                                out.newLine();
                                out.flush();
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    },
                    "cluster-output");
            reader.setDaemon(true);
            reader.start();
        }

        long pid() {
            return process.pid();
        }

        /** Waits for a line of output that matches, failing after {@code seconds} or when the JVM ends first. */
        void await(Predicate<String> line, int seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (output().stream().anyMatch(line)) {
                    return;
                }
                if (!process.isAlive()) {
                    join();
                    if (output().stream().anyMatch(line)) {
                        return;
                    }
                    throw new IllegalStateException("ended before the line awaited:\n" + String.join("\n", output()));
                }
                sleep(200);
            }
            throw new IllegalStateException("no such line within " + seconds + " s:\n" + String.join("\n", output()));
        }

        /** Waits for the JVM to end and returns its exit code. */
        int waitFor(int seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "did not end within " + seconds + " s:\n" + String.join("\n", output()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            join();
            return process.exitValue();
        }

        /** What it printed, Spark's log lines left out. */
        String printed() {
            return String.join(
                    "\n",
                    output().stream()
                            .filter(l -> !l.matches("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (INFO|WARN|DEBUG) .*"))
                            .toList());
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** SIGKILL, as a machine that dies or an operator's kill -9 would. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SIGTERM, as Ctrl-C would; then SIGKILL if it has not ended within 30 s. */
        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private void join() {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
