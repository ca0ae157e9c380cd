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
        description = "By default every period whose silver data changed since its last build (and the later "
                + "periods of that year); --period for given periods; --all for everything.")
final class BuildCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--period", paramLabel = "YYYY-MM", split = ",", description = "Periods to rebuild.")
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
            out.println("gold: nothing to build (no silver data has changed)");
        }
        r.periodsByMart().forEach((mart, ps) -> {
            if (!ps.isEmpty()) {
                out.printf("gold.%s: rebuilt %d period(s) %s%n", mart, ps.size(), summarise(ps));
            }
        });
        out.flush();
        return r;
    }

    private static String summarise(List<String> ps) {
        return ps.size() <= 3 ? String.join(", ", ps) : ps.get(0) + " … " + ps.get(ps.size() - 1);
    }
}
