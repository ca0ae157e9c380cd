package org.investlake.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    public Integer call() {
        Warehouse w = Sessions.open(main);
        Dataset<Row> result = w.spark().sql(query);
        ResultPrinter.print(result, format, limit, main.spec().commandLine().getOut());
        return Main.OK;
    }
}
