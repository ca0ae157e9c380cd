package org.investlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.investlake.reference.ReferenceData;
import org.investlake.sample.SampleScale;
import org.investlake.storage.Warehouse;

/**
 * One benchmark run, in one process and one Spark session, in a work folder:
 *
 * <ol>
 *   <li>{@code sample/}: the sample of the scale ({@link BenchSample});
 *   <li>{@code full/}: a fresh warehouse, every month loaded as one batch, then gold built — both timed;
 *   <li>{@code duckdb/}: its silver exported to Parquet (untimed), the marts run by {@link DuckDbPeer} — timed;
 *   <li>{@code incremental/}: a second fresh warehouse with months 1-11 loaded and built (untimed), then month 12
 *       (with {@link #months}: 1..N-1, then N)
 *       loaded and built — timed;
 *   <li>{@code demo/} (CITY only, unless left out): {@code investlake demo}, then {@code load --force} of one
 *       statistics file and {@code sql "SELECT 1"}, each in a process of its own ({@link LauncherProcess}).
 * </ol>
 *
 * The heap is sampled throughout ({@link HeapSampler}). A failing step throws {@link StepFailed} naming it.
 */
public final class Bench {
    private static final int YEAR = 2023;

    private final SparkSession spark;
    private final SampleScale scale;
    private final ReferenceData city;
    private final Path work;
    private boolean demo = true;
    /** The months of the year measured: the full run loads 1..months, the incremental one adds the last. */
    private int months = 12;

    private Path config;
    /** A sample written before, loaded instead of writing one; null to write it in the work folder. */
    private Path sample;

    private Consumer<String> fileListener = file -> {};

    private Bench(SparkSession spark, SampleScale scale, ReferenceData city, Path work) {
        this.spark = spark;
        this.scale = scale;
        this.city = city;
        this.work = work;
    }

    /**
     * A bench of {@code scale} working in {@code work}; {@code city} is the city of a CITY sample and the template
     * of a larger one's profile.
     */
    public static Bench of(SparkSession spark, SampleScale scale, ReferenceData city, Path work) {
        return new Bench(Objects.requireNonNull(spark, "spark"), scale, city, work);
    }

    /** Whether to time the demo and the one-file load in processes of their own (CITY only; default yes). */
    public Bench demo(boolean demo) {
        this.demo = demo;
        return this;
    }

    /**
     * Measures the first {@code months} months only (2..12; default 12): the full run loads months 1..N, the
     * incremental one loads month N on top of 1..N-1. A smoke test uses 3 to stay cheap; figures for the targets
     * need 12.
     */
    public Bench months(int months) {
        if (months < 2 || months > 12) {
            throw new IllegalArgumentException("months must be 2 to 12: " + months);
        }
        this.months = months;
        return this;
    }

    /** Loads the sample already written in {@code dir} (by {@code sample --scale … --out dir}); null writes one. */
    public Bench sample(Path dir) {
        this.sample = dir;
        return this;
    }

    /** The city file the demo process is to use ({@code --config}); the bundled city when null. */
    public Bench config(Path config) {
        this.config = config;
        return this;
    }

    /** Told of each file a load checks (its name), and of the writing after them: a large load takes minutes. */
    public Bench onFile(Consumer<String> listener) {
        this.fileListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The steps {@link #execute} goes through, in order, as it names them to its listener. */
    public List<String> steps() {
        List<String> steps = new ArrayList<>(List.of(
                (sample != null ? "read the " : "write the ") + scale.name().toLowerCase() + " sample",
                "full year: load",
                "full year: build gold",
                "DuckDB: export silver",
                "DuckDB: run the marts",
                "incremental: load and build months 1-" + (months - 1) + ", one at a time",
                "incremental: load and build month " + months));
        if (runsDemo()) {
            steps.addAll(List.of("demo", "load one small file", "sql SELECT 1"));
        }
        return steps;
    }

    /** A step of the bench that failed, and why. */
    public static final class StepFailed extends RuntimeException {
        private final String step;

        StepFailed(String step, RuntimeException cause) {
            super("bench step '" + step + "' failed: " + cause.getMessage(), cause);
            this.step = step;
        }

        public String step() {
            return step;
        }
    }

    /** Runs every step, telling {@code step} the name of each before it starts. */
    public BenchReport execute(Consumer<String> step) {
        try (HeapSampler heap = HeapSampler.start()) {
            Steps s = new Steps(step);
            BenchSample sample = s.run(() -> this.sample != null
                    ? BenchSample.existing(scale, city, this.sample)
                    : BenchSample.write(YEAR, scale, city, work.resolve("sample")));

            Warehouse full = Warehouse.open(spark, work.resolve("full").toString(), sample.reference());
            double load = s.run(() -> TimedLoadAndBuild.load(full, sample.months(1, months), fileListener));
            double gold = s.run(() -> TimedLoadAndBuild.build(full));
            long rows = silverRows();
            DuckDbPeer duck = new DuckDbPeer(work.resolve("duckdb"));
            s.run(() -> {
                duck.export(spark);
                return null;
            });
            DuckDbPeer.Result duckRun = s.run(duck::run);
            Map<String, BenchReport.MartRows> marts = new LinkedHashMap<>();
            duckRun.rowsByMart()
                    .forEach((mart, n) -> marts.put(
                            mart,
                            new BenchReport.MartRows(spark.table("gold." + mart).count(), n)));

            Warehouse inc = Warehouse.open(spark, work.resolve("incremental").toString(), sample.reference());
            // month by month, as a city loads its year: each month's cost against the months before it
            List<Double> monthly = new ArrayList<>();
            s.run(() -> {
                for (int m = 1; m < months; m++) {
                    monthly.add(TimedLoadAndBuild.run(inc, sample.months(m, m), fileListener)
                            .totalSeconds());
                }
                return null;
            });
            TimedLoadAndBuild.Timing lastMonth =
                    s.run(() -> TimedLoadAndBuild.run(inc, sample.months(months, months), fileListener));
            monthly.add(lastMonth.totalSeconds());

            Double demoSeconds = null;
            Double oneFile = null;
            Double select1 = null;
            if (runsDemo()) {
                Path dir = work.resolve("demo");
                String wh = dir.resolve("warehouse").toString();
                demoSeconds = s.run(() -> LauncherProcess.seconds(
                        dir, "demo.log", withConfig("--warehouse", wh, "demo", "--inbox", "inbox"), 0));
                Path file = sample.months(11, 11).stream()
                        .filter(f -> f.getFileName().toString().contains("各县市区")
                                && f.getFileName().toString().endsWith(".csv"))
                        .findFirst()
                        .orElse(sample.months(11, 11).get(0));
                oneFile = s.run(() -> LauncherProcess.seconds(
                        dir, "load.log", withConfig("--warehouse", wh, "load", "--force", file.toString()), 0, 1));
                select1 = s.run(() -> LauncherProcess.seconds(
                        dir, "select1.log", withConfig("--warehouse", wh, "sql", "SELECT 1"), 0));
            }
            double fullSeconds = load + gold;
            int cores = Runtime.getRuntime().availableProcessors();
            return new BenchReport(
                    scale.name().toLowerCase(),
                    sample.format(),
                    months,
                    rows,
                    rows / fullSeconds / cores,
                    fullSeconds,
                    load,
                    gold,
                    lastMonth.totalSeconds(),
                    lastMonth.totalSeconds() / fullSeconds,
                    monthly,
                    duckRun.seconds(),
                    gold / duckRun.seconds(),
                    heap.peakMb(),
                    demoSeconds,
                    oneFile,
                    select1,
                    OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    BenchReport.Machine.current(),
                    marts);
        }
    }

    /** DuckDB's result for one mart, in the work folder (after {@link #execute}). */
    public Path duckdbResult(String mart) {
        return new DuckDbPeer(work.resolve("duckdb")).gold(mart);
    }

    /** Deletes a work folder and everything in it. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench's work folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean runsDemo() {
        return demo && !scale.hasOwnProfile();
    }

    private List<String> withConfig(String... args) {
        List<String> all = new ArrayList<>();
        if (config != null) {
            all.add("--config");
            all.add(config.toAbsolutePath().toString());
        }
        all.addAll(List.of(args));
        return all;
    }

    private long silverRows() {
        long n = 0;
        for (String t : List.of("stats", "projects", "bonds")) {
            n += spark.table("silver." + t).count();
        }
        return n;
    }

    /** Names each step to the listener as it starts and turns its failure into {@link StepFailed}. */
    private final class Steps {
        private final Consumer<String> listener;
        private int next;

        Steps(Consumer<String> listener) {
            this.listener = listener;
        }

        <T> T run(Supplier<T> work) {
            String name = steps().get(next++);
            listener.accept(name);
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw new StepFailed(name, e);
            }
        }
    }
}
