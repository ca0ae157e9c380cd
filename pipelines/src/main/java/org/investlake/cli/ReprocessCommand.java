package org.investlake.cli;

import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.investlake.ingest.ReprocessJob;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reprocess",
        mixinStandardHelpOptions = true,
        header = "Rebuild silver from the delivered files with today's schemas, rules and SQL, then build.",
        description = {
            "For each feed and period: deletes its silver rows and replays, in load order, every delivery that "
                    + "stands (ops.load_log status loaded or loaded_with_rejects; not rejected, not undone) from its "
                    + "raw copy under bronze/_files, through the same checks as `load`. The latest delivery of a "
                    + "period wins. ops.quarantine and ops.dq_results of the replayed loads are replaced by what "
                    + "today's rules say. One transaction: a failure leaves every table as it was.",
            "Prints per feed and period the rows added, changed (a value differs) and removed, and per "
                    + "delivery the quarantined rows before and now; then builds the marts.",
            "Takes the warehouse lock. Exit code 0 when done, 1 when it failed (nothing changed) or a delivery "
                    + "is now rejected as a whole, 2 usage."
        })
final class ReprocessCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--feed", paramLabel = "FEED", description = "Only this feed: stats, projects or bonds.")
    String feed;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "Only this period, e.g. 2023-06.")
    YearMonth period;

    @Override
    public Integer call() {
        Warehouse w = Sessions.open(main);
        PrintWriter out = main.spec().commandLine().getOut();
        ReprocessJob job;
        try {
            job = ReprocessJob.on(w).feed(feed).period(period);
        } catch (IllegalArgumentException e) {
            return RestoreCommand.fail(main, e.getMessage());
        }
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "reprocess", main.spec().commandLine().getErr())) {
            ReprocessJob.Result r = job.execute();
            if (r.nothingToDo()) {
                out.println("silver: nothing to reprocess (no delivery stands for " + (feed == null ? "any feed" : feed)
                        + (period == null ? "" : " in " + period) + ")");
                out.flush();
                return Main.OK;
            }
            return print(w, r, out);
        }
    }

    /** Prints what a reprocess (or restore --load) changed, builds the marts, and returns the exit code. */
    static int print(Warehouse w, ReprocessJob.Result r, PrintWriter out) {
        for (ReprocessJob.PeriodChange c : r.changes()) {
            out.printf(
                    "silver.%s %s: %s%n",
                    c.feed(),
                    c.period(),
                    c.unchanged()
                            ? "unchanged"
                            : String.format("%d added, %d changed, %d removed", c.added(), c.changed(), c.removed()));
        }
        boolean rejected = false;
        for (ReprocessJob.Replayed d : r.replayed()) {
            if (d.rejected() != null) {
                rejected = true;
                out.printf("✗ %s (load %s) is now rejected as a whole: %s%n", d.file(), d.loadId(), d.rejected());
            } else if (d.quarantinedBefore() != d.quarantinedNow()) {
                out.printf(
                        "ops.quarantine %s (load %s): %d rows before, %d now%n",
                        d.file(), d.loadId(), d.quarantinedBefore(), d.quarantinedNow());
            }
        }
        long before = r.replayed().stream()
                .mapToLong(ReprocessJob.Replayed::quarantinedBefore)
                .sum();
        long now = r.replayed().stream()
                .mapToLong(ReprocessJob.Replayed::quarantinedNow)
                .sum();
        out.printf(
                "%d deliveries replayed; quarantined rows %d before, %d now%n",
                r.replayed().size(), before, now);
        BuildCommand.build(w, null, false, out);
        out.flush();
        return rejected ? Main.REJECTED : Main.OK;
    }
}
