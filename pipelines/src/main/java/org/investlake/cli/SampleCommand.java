package org.investlake.cli;

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
        description = "Statistics, project-library and special-bond exports for every month of the year, written "
                + "as the bureaus write them (GBK and UTF-8 CSV, xlsx, title and unit lines, a few bad rows).")
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
            description = "city, province or nation (more projects, for benchmarks). Default: ${DEFAULT-VALUE}.")
    String scale;

    @Override
    public Integer call() {
        SampleSummary s = write(main, year, SampleScale.valueOf(scale.toUpperCase(java.util.Locale.ROOT)), out);
        var o = main.spec().commandLine().getOut();
        o.printf(
                "wrote %d files to %s (%d stats, %d projects, %d bonds)%n",
                s.files().size(), out, s.statsFiles(), s.projectFiles(), s.bondFiles());
        s.story().forEach(line -> o.println("  " + line));
        o.flush();
        return Main.OK;
    }

    static SampleSummary write(Main main, int year, SampleScale scale, Path out) {
        return SampleGenerator.forYear(year)
                .scale(scale)
                .reference(Sessions.reference(main))
                .writeTo(out);
    }
}
