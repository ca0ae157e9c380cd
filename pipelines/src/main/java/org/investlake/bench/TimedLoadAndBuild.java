package org.investlake.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.marts.BuildJob;
import org.investlake.storage.Warehouse;

/**
 * Loads files into a warehouse as one batch, the way {@code run --inbox} does ({@link LoadBatch}), then builds the
 * gold marts ({@link BuildJob}), and says how long each took.
 */
final class TimedLoadAndBuild {
    private TimedLoadAndBuild() {}

    /** Seconds of the load and of the build that followed it. */
    record Timing(double loadSeconds, double buildSeconds) {
        double totalSeconds() {
            return loadSeconds + buildSeconds;
        }
    }

    static Timing run(Warehouse w, List<Path> files, Consumer<String> fileStep) {
        double load = load(w, files, fileStep);
        return new Timing(load, build(w));
    }

    /** Seconds to load {@code files} as one batch; {@code fileStep} is told each file's name as it is checked. */
    static double load(Warehouse w, List<Path> files, Consumer<String> fileStep) {
        long start = System.nanoTime();
        LoadBatch.of(LoadJob.on(w)).execute(files, fileStep);
        return seconds(System.nanoTime() - start);
    }

    /** Seconds to build gold after a load: what changed, as {@code build} without options. */
    static double build(Warehouse w) {
        long start = System.nanoTime();
        BuildJob.on(w).execute();
        return seconds(System.nanoTime() - start);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
