package org.investlake.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One command line run in a test, against a warehouse folder: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    /** Runs {@code investlake --warehouse WAREHOUSE ARGS…} in this JVM with captured writers. */
    static CliRun in(Path warehouse, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--warehouse";
        all[1] = warehouse.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
