package org.investlake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.investlake.sample.SampleGenerator;
import org.investlake.sample.SampleScale;
import org.investlake.sample.SampleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        header = "Write deterministic, realistic sample exports of all three feeds.",
        description = {
            "Statistics, project-library and special-bond exports for every month of the year. The same "
                    + "arguments write the same bytes.",
            "",
            "Scales:",
            "  city      the city of --config (default: the bundled 衡水市, 13 units, about 600 projects), "
                    + "written as its bureaus write (GBK and UTF-8 CSV, xlsx, title and unit lines), with a planted "
                    + "story and a few bad rows; 46 files.",
            "  province  a synthetic province, 示例省: about 170 county-level units and 60,000 dispatched projects "
                    + "a month (6,666 bond projects in the year).",
            "  nation    a synthetic country, 全国示例: about 2,850 units and 1,000,000 projects a month "
                    + "(111,111 bond projects); about 3 GB, some 7 minutes on 2 cores.",
            "",
            "province and nation write their own reference data to DIR/profile (city.yaml and targets/YEAR.yaml, "
                    + "the format of config/; sectors, sector targets and thresholds taken from --config) and the "
                    + "exports twice, as plain UTF-8 CSV under DIR/csv and as Parquet under DIR/parquet (the same rows; "
                    + "no xlsx), clean, streamed row by row. Load either folder with that profile: "
                    + "investlake --config DIR/profile/city.yaml run --inbox DIR/csv"
        })
final class SampleCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--year",
            paramLabel = "YYYY",
            defaultValue = "2023",
            description = "Year (needs a targets file). Default: ${DEFAULT-VALUE}.")
    int year;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into.")
    Path out;

    @Option(
            names = "--scale",
            paramLabel = "SCALE",
            defaultValue = "city",
            description = "city, province or nation (see above). Default: ${DEFAULT-VALUE}.")
    SampleScale scale;

    @Override
    public Integer call() {
        SampleScale s = scale;
        PrintWriter o = main.spec().commandLine().getOut();
        PrintWriter err = main.spec().commandLine().getErr();
        long started = System.nanoTime();
        SampleGenerator g = generator(main, year, s);
        if (s.hasOwnProfile()) {
            // a national sample takes many minutes: say what is done as it is done
            g.onWritten(f -> {
                err.println("  wrote " + out.relativize(f));
                err.flush();
            });
        }
        SampleSummary summary = g.writeTo(out);
        o.printf(
                "wrote %d files to %s in %d s (%d stats, %d projects, %d bonds)%n",
                summary.files().size(),
                out,
                (System.nanoTime() - started) / 1_000_000_000L,
                summary.statsFiles(),
                summary.projectFiles(),
                summary.bondFiles());
        summary.story().forEach(line -> o.println("  " + line));
        if (summary.profile() != null) {
            o.println("load it with its own profile (CSV or Parquet, the same rows):");
            o.println("  bin/investlake --config " + summary.profile() + " run --inbox " + out.resolve("csv"));
            o.println("  bin/investlake --config " + summary.profile() + " run --inbox " + out.resolve("parquet"));
        }
        o.flush();
        return Main.OK;
    }

    static SampleSummary write(Main main, int year, SampleScale scale, Path out) {
        return generator(main, year, scale).writeTo(out);
    }

    private static SampleGenerator generator(Main main, int year, SampleScale scale) {
        return SampleGenerator.forYear(year).scale(scale).reference(Sessions.reference(main));
    }
}
