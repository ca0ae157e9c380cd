package org.investlake.cli;

import java.util.concurrent.Callable;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        header = "Show the Delta history of a table: every commit and the load or build that made it.",
        description = {
            "Newest first: version, timestamp, operation (WRITE, MERGE, RESTORE, ...), load_id and file of the "
                    + "load that wrote it, the commit's note (user_metadata), num_output_rows and the other row and "
                    + "file counts of the commit.",
            "Use `restore TABLE --version N` to go back to a version. Reading never locks the warehouse."
        })
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "TABLE", description = "layer.name of a table, e.g. silver.stats or ops.load_log.")
    String table;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
    ResultPrinter.Format format;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "Most recent commits shown. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        Warehouse w = Sessions.open(main);
        TableVersions versions = new TableVersions(w);
        TableVersions.TableName t;
        try {
            t = versions.table(table);
        } catch (TableVersions.NoSuchTableException e) {
            return RestoreCommand.fail(main, e.getMessage());
        }
        ResultPrinter.print(
                versions.history(t.layer(), t.name(), Math.max(1, limit)),
                format,
                Math.max(1, limit),
                main.spec().commandLine().getOut());
        return Main.OK;
    }
}
