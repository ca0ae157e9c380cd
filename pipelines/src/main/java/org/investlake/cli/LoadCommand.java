package org.investlake.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        header = "Load delivered files (csv, xlsx, parquet) into bronze and silver.",
        description = {
            "Each file's feed is recognised from its header row unless --feed is given.",
            "A file whose bytes, or whose cells, were already loaded (and not undone) is skipped; --force loads it again.",
            "Prints per file the rows read, loaded, warned and quarantined, and the first reasons.",
            "Exit code 1 when a file was rejected or any row quarantined."
        })
final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to load.")
    List<Path> files;

    @Option(
            names = "--feed",
            paramLabel = "FEED",
            description = "stats, projects or bonds (default: recognise from the header).")
    String feed;

    @Option(
            names = "--period",
            paramLabel = "YYYY-MM",
            description = "Period of files that name none in a column or title, e.g. 2023-06.")
    YearMonth period;

    @Option(
            names = "--dry-run",
            description = "Check the files as a load would (each against the files before it, a file already loaded "
                    + "skipped) and print the report, without writing anything.")
    boolean dryRun;

    @Option(
            names = "--force",
            description = "Load files even when the same bytes or the same cells were loaded before: a new load, "
                    + "the latest delivery of its periods.")
    boolean force;

    @Override
    public Integer call() {
        Warehouse w = Sessions.open(main);
        LoadJob job = LoadJob.on(w).feed(feed).period(period).dryRun(dryRun).force(force);
        if (dryRun) {
            int code = loadAll(job, files, main.spec().commandLine().getOut()); // reads only: no lock needed
            main.spec()
                    .commandLine()
                    .getOut()
                    .println("(dry run: nothing was written; \"loaded\" and \"quarantined\" say what a load would do)");
            main.spec().commandLine().getOut().flush();
            return code;
        }
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "load", main.spec().commandLine().getErr())) {
            return loadAll(job, files, main.spec().commandLine().getOut());
        }
    }

    /**
     * Checks every file first, then writes all of them in one transaction ({@link LoadBatch}), or only checks them
     * in a dry run; prints each file's report (a workbook's per sheet). The exit code: 1 when a file is rejected or a
     * row quarantined.
     */
    static int loadAll(LoadJob job, List<Path> files, java.io.PrintWriter out) {
        List<FileLoadResult> results = new ArrayList<>();
        try (Progress progress =
                Progress.start(job.isDryRun() ? "检查 check" : "入库 load", LoadBatch.steps(files.size()))) {
            results.addAll(LoadBatch.of(job).execute(files, progress::step));
        }
        results.forEach(r -> LoadReportPrinter.print(out, r));
        LoadReportPrinter.summary(out, results, job.isDryRun());
        out.flush();
        return results.stream().anyMatch(FileLoadResult::failed) ? Main.REJECTED : Main.OK;
    }
}
