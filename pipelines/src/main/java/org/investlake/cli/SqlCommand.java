package org.investlake.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.serve.ReadOnlyGuard;
import org.investlake.storage.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        header = "Run Spark SQL over the warehouse.",
        description = {
            "Every table of every layer is registered by name (bronze.stats, silver.stats, gold.region_growth, "
                    + "ops.load_log, ...), so DESCRIBE, DESCRIBE HISTORY and VERSION AS OF work; reference data "
                    + "is there as views ref_regions, ref_sectors, ref_region_targets, ...",
            "Read-only: queries (SELECT, WITH, VALUES, VERSION AS OF), DESCRIBE (also DESCRIBE HISTORY and "
                    + "DESCRIBE DETAIL), SHOW and EXPLAIN. A statement that could change the warehouse or the session "
                    + "(INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER, TRUNCATE, RESTORE, OPTIMIZE, VACUUM, CACHE, "
                    + "REFRESH, USE, ADD JAR, SET key=value, ...) is refused before it runs, with exit code 2: roll a "
                    + "table back with `restore`, deliver data with `load`, rebuild the marts with `build`.",
            "csv and json go to stdout clean (logs go to stderr)."
        })
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "QUERY", description = "One Spark SQL statement.")
    String query;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
    ResultPrinter.Format format;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Most rows printed as a table (csv and json print all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() throws Exception {
        Warehouse w = Sessions.open(main);
        try {
            ReadOnlyGuard.check(w.spark(), query);
        } catch (ReadOnlyGuard.NotReadOnlyException e) {
            PrintWriter err = main.spec().commandLine().getErr();
            err.println("investlake: " + e.getMessage());
            err.flush();
            return Main.USAGE; // nothing ran: the statement asks sql for what sql does not do
        }
        Dataset<Row> result = w.spark().sql(query);
        ResultPrinter.print(result, format, limit, main.spec().commandLine().getOut());
        return Main.OK;
    }
}
