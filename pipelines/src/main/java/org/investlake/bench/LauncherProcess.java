package org.investlake.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code investlake} command in a JVM of its own, started as this one was (the same java, JVM flags and class
 * path), so its time includes what a user waits for: the JVM, the Spark session and the command. Its output goes
 * to a log file in the folder it runs in.
 */
final class LauncherProcess {
    private static final String MAIN = "org.investlake.cli.Main";

    private LauncherProcess() {}

    /**
     * Runs {@code investlake ARGS} in {@code dir} and returns its wall-clock seconds.
     *
     * @param okCodes the exit codes that count as having done the work (load: 1 when a row was quarantined)
     */
    static double seconds(Path dir, String logName, List<String> args, int... okCodes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(logName);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int code = p.waitFor();
            double seconds = TimedLoadAndBuild.seconds(System.nanoTime() - start);
            for (int ok : okCodes) {
                if (code == ok) {
                    return seconds;
                }
            }
            throw new IllegalStateException(
                    "investlake " + String.join(" ", args) + " exited with " + code + "; its output is in " + log);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start investlake " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while investlake " + String.join(" ", args) + " ran", e);
        }
    }
}
