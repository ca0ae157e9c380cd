package org.investlake.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place a failure becomes what the user sees: one line on stderr (the stack trace only with
 * --verbose) and exit code 1.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Main main = root(cl).getCommand();
        err.println("investlake: " + UserMessages.describe(ex));
        if (main.verbose) {
            ex.printStackTrace(err);
        } else {
            err.println("(run again with --verbose for details)");
        }
        err.flush();
        return Main.REJECTED;
    }

    private static CommandLine root(CommandLine cl) {
        CommandLine c = cl;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c;
    }
}
