package org.investlake.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

// no mixinStandardHelpOptions: its -V/--version would take the name of --version N
@Command(
        name = "restore",
        header = "Put a table back to an earlier Delta version, or undo one delivery (--load).",
        customSynopsis = {"Usage: investlake restore TABLE --version N", "       investlake restore --load LOAD_ID"},
        description = {
            "Restores TABLE to the content it had at --version (see `history TABLE`). The restore is itself a "
                    + "new version, so nothing is lost: restoring the version before it undoes it.",
            "--load LOAD_ID undoes one delivery: marks it undone in ops.load_log (the same file may then be "
                    + "delivered again), recomputes the periods it touched from the deliveries that remain (the "
                    + "latest remaining delivery of each period wins, as if the undone one never came; see "
                    + "`reprocess`), builds the marts and prints what changed. Bronze keeps every delivery.",
            "Takes the warehouse lock (waits for a running load, build or run; $" + WarehouseLock.TIMEOUT_ENV
                    + " sets the wait in seconds, default 600).",
            "With TABLE, a silver table's gold marts are not changed until the next `build`, which notices the "
                    + "restore and brings them in line (deleting periods silver no longer has).",
            "Exit code 0 done, 1 failed (unknown table, version or load; nothing changed), 2 usage."
        })
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TABLE", arity = "0..1", description = "layer.name of a table, e.g. silver.stats.")
    String table;

    @Option(
            names = "--version",
            paramLabel = "N",
            description = "The version to go back to (the `version` column of `history TABLE`).")
    Long version;

    @Option(
            names = "--load",
            paramLabel = "LOAD_ID",
            description = "Undo this delivery (the load_id of ops.load_log or of `history TABLE`).")
    String load;

    @Override
    public Integer call() {
        if (load != null) {
            if (table != null || version != null) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--load undoes a delivery: give it alone, without TABLE or --version");
            }
            return undoLoad();
        }
        if (table == null || version == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "give TABLE --version N, or --load LOAD_ID");
        }
        Warehouse w = Sessions.open(main);
        TableVersions versions = new TableVersions(w);
        PrintWriter out = main.spec().commandLine().getOut();
        try {
            TableVersions.TableName t = versions.table(table);
            TableVersions.Restored r;
            try (WarehouseLock lock = WarehouseLock.acquire(
                    w, "restore", main.spec().commandLine().getErr())) {
                r = versions.restore(
                        t.layer(), t.name(), version, "restore to version " + version + " (investlake restore)");
            }
            out.println(r.describe());
            if (r.changed()) {
                out.println("(the restore is version " + r.versionAfter() + " in `history " + t + "`; `restore " + t
                        + " --version " + r.versionBefore() + "` undoes it)");
                List<String> built = builtFrom(w, t.qualified());
                if (!built.isEmpty()) {
                    out.println("note: " + String.join(", ", built) + " (built from " + t
                            + ") did not change yet: run `build` to bring " + (built.size() == 1 ? "it" : "them")
                            + " in line");
                }
            }
            out.flush();
            return Main.OK;
        } catch (TableVersions.NoSuchTableException
                | TableVersions.NoSuchVersionException
                | WarehouseLock.LockedException e) {
            return fail(main, e.getMessage());
        }
    }

    private int undoLoad() {
        Warehouse w = Sessions.open(main);
        PrintWriter out = main.spec().commandLine().getOut();
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "restore", main.spec().commandLine().getErr())) {
            org.investlake.ingest.ReprocessJob.Result r =
                    org.investlake.ingest.ReprocessJob.on(w).undo(load).execute();
            out.println("load " + r.undone() + " undone (ops.load_log status undone; the same file may be delivered "
                    + "again); recomputed " + r.scope());
            return ReprocessCommand.print(w, r, out);
        } catch (org.investlake.ingest.ReprocessJob.CannotUndoException | WarehouseLock.LockedException e) {
            return fail(main, e.getMessage());
        }
    }

    /** The existing gold tables built, directly or through another mart, from {@code source}. */
    private static List<String> builtFrom(Warehouse w, String source) {
        return org.investlake.marts.BuildJob.martsReading(source).stream()
                .filter(mart -> w.exists("gold", mart))
                .map(mart -> "gold." + mart)
                .toList();
    }

    /** One line on stderr and exit code 1: a user error needs no stack trace or --verbose hint. */
    static int fail(Main main, String message) {
        PrintWriter err = main.spec().commandLine().getErr();
        err.println("investlake: " + message.replace('\n', ' '));
        err.flush();
        return Main.REJECTED;
    }
}
