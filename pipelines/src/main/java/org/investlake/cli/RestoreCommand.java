package org.investlake.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.storage.TableDoc;
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
        header = "Put a table back to an earlier Delta version (undo a bad load).",
        description = {
            "Restores TABLE to the content it had at --version (see `history TABLE`). The restore is itself a "
                    + "new version, so nothing is lost: restoring the version before it undoes it.",
            "Takes the warehouse lock (waits for a running load, build or run; $" + WarehouseLock.TIMEOUT_ENV
                    + " sets the wait, default 10 minutes).",
            "A silver table's gold marts are not changed: restore them too, or rebuild them with `build --all`."
        })
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "TABLE", description = "layer.name of a table, e.g. silver.stats.")
    String table;

    @Option(
            names = "--version",
            paramLabel = "N",
            required = true,
            description = "The version to go back to (the `version` column of `history TABLE`).")
    long version;

    @Override
    public Integer call() {
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
                    out.println("note: " + String.join(", ", built) + " (built from " + t + ") did not change: restore "
                            + (built.size() == 1 ? "it" : "them") + " too, or rebuild with `build --all`");
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

    /** The existing gold tables whose documented sources include {@code source}. */
    private static List<String> builtFrom(Warehouse w, String source) {
        List<String> out = new ArrayList<>();
        for (String q : w.tables()) {
            if (!q.startsWith("gold.")) {
                continue;
            }
            try {
                if (TableDoc.load("gold", q.substring(5)).sources().contains(source)) {
                    out.add(q);
                }
            } catch (RuntimeException e) {
                // an undocumented table: not ours to mention
            }
        }
        return out;
    }

    /** One line on stderr and exit code 1: a user error needs no stack trace or --verbose hint. */
    static int fail(Main main, String message) {
        PrintWriter err = main.spec().commandLine().getErr();
        err.println("investlake: " + message.replace('\n', ' '));
        err.flush();
        return Main.REJECTED;
    }
}
