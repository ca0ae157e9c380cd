package org.investlake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The investlake launcher: registers the sub-commands and the options they all share. */
@Command(
        name = "investlake",
        mixinStandardHelpOptions = true,
        version = "investlake 0.1.0",
        header = "抓投资上项目 — investment and project analytics warehouse for one city (config/city.yaml).",
        description = "Loads the statistical bureau's monthly files into a Delta Lake warehouse and builds the marts.",
        subcommands = {
            DemoCommand.class,
            SampleCommand.class,
            LoadCommand.class,
            BuildCommand.class,
            RunCommand.class,
            SqlCommand.class,
            HistoryCommand.class,
            RestoreCommand.class,
            MaintainCommand.class,
            ReprocessCommand.class,
            ServeCommand.class,
            UsersCommand.class,
            SupersetBundleCommand.class,
            BulletinCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Exit codes: docs/contract.md "Commands and exit codes". */
    public static final int OK = 0;

    public static final int REJECTED = 1;
    public static final int USAGE = 2;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--warehouse",
            paramLabel = "URI",
            scope = ScopeType.INHERIT,
            description =
                    "Warehouse root: a folder or a Hadoop URI (default: $INVESTLAKE_WAREHOUSE, else ./warehouse).")
    String warehouse;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description =
                    "City reference file (regions, sectors, the targets files it names); default: the bundled config/city.yaml.")
    Path config;

    @Option(
            names = "--master",
            paramLabel = "MASTER",
            scope = ScopeType.INHERIT,
            // spark-submit passes its --master as the system property spark.master
            defaultValue = "${sys:spark.master:-local[*]}",
            description = "Spark master (default: the one spark-submit was given, else local[*]).")
    String master;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and Spark's own log.")
    boolean verbose;

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        Sessions.closeAll();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; tests call this with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --scale city, as the help writes it
        cl.setExecutionExceptionHandler(new FailureHandler());
        return cl.execute(args);
    }

    CommandLine.Model.CommandSpec spec() {
        return spec;
    }

    /** Options shared by every sub-command, resolved: option → environment → default. */
    String warehouseUri() {
        if (warehouse != null) {
            return warehouse;
        }
        String env = System.getenv("INVESTLAKE_WAREHOUSE");
        return env != null && !env.isBlank() ? env : "warehouse";
    }
}
