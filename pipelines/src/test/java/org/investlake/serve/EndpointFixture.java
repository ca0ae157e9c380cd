package org.investlake.serve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL endpoint for tests: runs the real command, {@code investlake --warehouse W serve --port 0}, in
 * a child JVM on the test class path, waits for the JDBC URL it prints, and hands out Hive JDBC
 * connections. A child JVM because the endpoint needs a Hive-enabled session and a JVM holds one
 * SparkContext — the test suite's shared session is not Hive-enabled — and because it exercises the
 * command users run. The test JVM may meanwhile load into the same warehouse, as another process would.
 *
 * <pre>{@code
 * try (EndpointFixture endpoint = EndpointFixture.start(warehouseDir);
 *         Connection c = endpoint.connect();
 *         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM gold.region_growth")) { ... }
 * }</pre>
 *
 * {@link #start} adds the account {@link #USER} / {@link #PASSWORD} to the warehouse's users file first.
 * Close it once per test class: a server stopped right after it started can make Spark exit the JVM, and
 * each start costs ~15 s.
 */
public final class EndpointFixture implements AutoCloseable {
    public static final String USER = "analyst";
    public static final String PASSWORD = "endpoint-test-pw";

    private static final Pattern URL = Pattern.compile("(jdbc:hive2://\\S+)");

    private final Process process;
    private final String jdbcUrl;
    private final List<String> output;
    private final Thread reader;

    private EndpointFixture(Process process, String jdbcUrl, List<String> output, Thread reader) {
        this.process = process;
        this.jdbcUrl = jdbcUrl;
        this.output = output;
        this.reader = reader;
    }

    /** Starts the endpoint with authentication over the warehouse at {@code warehouse}, with one account. */
    public static EndpointFixture start(Path warehouse) {
        Accounts.beside(warehouse.toString()).put(USER, PASSWORD.toCharArray());
        return start(warehouse, List.of());
    }

    /** Starts {@code serve --port 0} with the extra arguments, e.g. {@code --no-auth}. */
    public static EndpointFixture start(Path warehouse, List<String> serveArgs) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(
                "org.investlake.cli.Main", "--warehouse", warehouse.toString(), "--master", "local[2]", "serve"));
        command.addAll(List.of("--port", "0"));
        command.addAll(serveArgs);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the endpoint JVM", e);
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        String[] url = new String[1];
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            output.add(line);
                            Matcher m = URL.matcher(line);
                            synchronized (url) {
                                if (url[0] == null && m.find()) {
                                    url[0] = m.group(1);
                                    url.notifyAll();
                                }
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the child ended
                    }
                },
                "endpoint-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.currentTimeMillis() + 180_000;
        synchronized (url) {
            while (url[0] == null && p.isAlive() && System.currentTimeMillis() < deadline) {
                try {
                    url.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (url[0] == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the endpoint did not start; its output:\n" + String.join("\n", output));
        }
        return new EndpointFixture(p, url[0], output, reader);
    }

    /** Runs {@code serve} with these arguments to its end (for refusals); returns exit code and output. */
    public static Finished run(Path warehouse, List<String> serveArgs) throws Exception {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("org.investlake.cli.Main", "--warehouse", warehouse.toString(), "serve"));
        command.addAll(serveArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("serve did not end: " + out);
        }
        return new Finished(p.exitValue(), out);
    }

    public record Finished(int exitCode, String output) {}

    /** This JVM's java, its Spark flags (--add-opens, tmpdir, derby.log), its collector and class path. */
    private static List<String> javaCommand() {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")
                    || arg.startsWith("-Djava.io.tmpdir")
                    || arg.startsWith("-Dderby")
                    || arg.startsWith("-Djdk.reflect")
                    || arg.startsWith("-Dio.netty")
                    || arg.startsWith("-XX:+Use")) { // the collector (pom.xml's jvm.tuning.flags)
                c.add(arg);
            }
        }
        c.add("-Xmx1g");
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        return c;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A connection as the fixture's account. */
    public Connection connect() throws SQLException {
        return connect(USER, PASSWORD);
    }

    public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** What the endpoint printed so far (stdout and stderr). */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Stops the endpoint as Ctrl-C would (SIGTERM) and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            endedOnSigterm = process.waitFor(60, TimeUnit.SECONDS);
            if (!endedOnSigterm) {
                process.destroyForcibly();
            }
            reader.join(5_000); // its last lines
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private volatile boolean endedOnSigterm;

    /** Whether {@link #close}'s SIGTERM alone ended the endpoint (within a minute, no kill needed). */
    public boolean endedOnSigterm() {
        return endedOnSigterm;
    }

    /** Exit code after {@link #close}. */
    public int exitCode() {
        return process.exitValue();
    }
}
