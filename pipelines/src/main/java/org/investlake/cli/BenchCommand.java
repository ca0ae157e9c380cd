package org.investlake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.investlake.bench.Bench;
import org.investlake.bench.BenchReport;
import org.investlake.sample.SampleScale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure load, build and one incremental month at a sample scale, against DuckDB.",
        description = {
            "In one process: writes the sample of the scale (or reads it, --sample); loads all 12 months into a fresh warehouse as "
                    + "`run --inbox` does and builds gold (full_seconds, gold_seconds); loads months 1-11 into a "
                    + "second warehouse one at a time, each built (monthly_seconds: does a month cost more as the "
                    + "year goes on?), then month 12 and the build after it (incremental_seconds); runs the same marts in DuckDB over the same silver data, exported "
                    + "to Parquet (duckdb_seconds); at city scale also times `demo`, `load` of one small file and "
                    + "`sql \"SELECT 1\"`, each in a process of its own.",
            "The city is loaded from its CSV and xlsx exports (as demo loads it), a province or the nation from "
                    + "the sample's Parquet folder with the synthetic profile it writes.",
            "Prints each figure against its target (docs/performance.md) and writes them as JSON with --out. "
                    + "Nothing is asserted: figures on a shared machine vary; compare runs taken alike.",
            "--warehouse is not used: the bench makes fresh warehouses of its own in the work folder."
        })
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--scale",
            paramLabel = "SCALE",
            defaultValue = "city",
            description = "city, province or nation (see `sample --help`). Default: ${DEFAULT-VALUE}.")
    SampleScale scale;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the figures as JSON here.")
    Path out;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Folder for the sample and the warehouses, kept afterwards. Default: a temporary folder, "
                    + "deleted at the end.")
    Path work;

    @Option(
            names = "--months",
            paramLabel = "N",
            defaultValue = "12",
            description = "Measure the first N months only (2-12): the full run loads months 1-N, the incremental one "
                    + "month N on top of 1-(N-1). For a quick check; the targets are judged on 12. "
                    + "Default: ${DEFAULT-VALUE}.")
    int months;

    @Option(
            names = "--sample",
            paramLabel = "DIR",
            description = "Load the sample already in DIR, written by `sample --scale SCALE --out DIR`, instead of "
                    + "writing one (a nation's takes minutes and about 3 GB).")
    Path sample;

    @Option(names = "--no-demo", description = "City scale: leave out the demo, one-file load and SELECT 1 processes.")
    boolean noDemo;

    /**
     * Steps the progress and, on stderr, says how long the step before took: a run stopped midway still tells
     * what it measured.
     */
    private static java.util.function.Consumer<String> stepTimer(Progress progress, PrintWriter err) {
        long[] started = {0};
        String[] previous = {null};
        return step -> {
            long now = System.nanoTime();
            if (previous[0] != null) {
                err.printf(java.util.Locale.ROOT, "  (%s: %.1f s)%n", previous[0], (now - started[0]) / 1e9);
                err.flush();
            }
            started[0] = now;
            previous[0] = step;
            progress.step(step);
        };
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (months < 2 || months > 12) {
            // a usage error (exit 2), before the session starts or anything is written
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--months must be 2 to 12 (was " + months + ")");
        }
        PrintWriter o = main.spec().commandLine().getOut();
        PrintWriter err = main.spec().commandLine().getErr();
        Path dir = work != null ? work : Files.createTempDirectory("investlake-bench-");
        Files.createDirectories(dir);
        Bench bench = Bench.of(Sessions.spark(main), scale, Sessions.reference(main), dir)
                .demo(!noDemo)
                .months(months)
                .sample(sample)
                .config(main.config);
        if (scale.hasOwnProfile()) {
            // a province's or the nation's load takes many minutes: say which file is being checked
            bench.onFile(f -> {
                err.println("    " + f);
                err.flush();
            });
        }
        BenchReport report;
        try (Progress progress = Progress.start("bench", bench.steps().size())) {
            report = bench.execute(stepTimer(progress, err));
        } catch (Bench.StepFailed e) {
            err.println("investlake: bench failed at '" + e.step() + "': " + UserMessages.describe(e.getCause()));
            err.println("  work folder " + (work != null ? "kept: " + dir.toAbsolutePath() : "deleted"));
            if (main.verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for details)");
            }
            err.flush();
            return Main.REJECTED;
        } finally {
            if (work == null) {
                Bench.delete(dir); // a temporary folder: a failure (say, a full disk) gets its space back too
            }
        }
        org.investlake.bench.BenchTable.print(report, o);
        if (out != null) {
            report.writeJson(out);
            o.println("figures written to " + out.toAbsolutePath());
        }
        if (work != null) {
            o.println("work folder kept: " + dir.toAbsolutePath());
        }
        o.flush();
        return Main.OK;
    }
}
