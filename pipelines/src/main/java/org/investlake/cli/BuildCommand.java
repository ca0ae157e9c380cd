package org.investlake.cli;

import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.investlake.marts.BuildJob;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        header = "Rebuild the gold marts.",
        description = "By default every period whose input data changed since it was last built (and the later "
                + "periods of that year), noticed from the Delta versions of the inputs, so loads, restores and "
                + "reprocessing all count; periods the inputs no longer have are deleted. --period rebuilds "
                + "given periods as well; --all rebuilds everything.")
final class BuildCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--period",
            paramLabel = "YYYY-MM",
            split = ",",
            description = "Periods to rebuild, besides the changed ones.")
    List<YearMonth> periods;

    @Option(names = "--all", description = "Rebuild every period.")
    boolean all;

    @Override
    public Integer call() {
        Warehouse w = Sessions.open(main);
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "build", main.spec().commandLine().getErr())) {
            build(w, periods, all, main.spec().commandLine().getOut());
            return Main.OK;
        }
    }

    static BuildJob.Result build(Warehouse w, List<YearMonth> periods, boolean all, PrintWriter out) {
        Set<String> requested = new TreeSet<>();
        if (periods != null) {
            periods.forEach(p -> requested.add(p.toString()));
        }
        BuildJob.Result r = BuildJob.on(w).periods(requested).all(all).execute();
        if (r.nothingBuilt()) {
            out.println("gold: nothing to build (no input has changed since the last build)");
        }
        r.periodsByMart().forEach((mart, ps) -> {
            List<String> gone = r.deletedByMart().getOrDefault(mart, List.of());
            List<String> said = new java.util.ArrayList<>();
            if (!ps.isEmpty()) {
                said.add("rebuilt " + ps.size() + " period(s) " + summarise(ps));
            }
            if (!gone.isEmpty()) {
                // every deleted period is named: a vanished month is news the reader must not miss
                said.add("deleted " + gone.size() + " period(s) no longer in its inputs: " + String.join(", ", gone));
            }
            if (!said.isEmpty()) {
                out.printf("gold.%s: %s%n", mart, String.join("; ", said));
            }
        });
        out.flush();
        return r;
    }

    private static String summarise(List<String> ps) {
        return ps.size() <= 3 ? String.join(", ", ps) : ps.get(0) + " … " + ps.get(ps.size() - 1);
    }
}
