package org.investlake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "Load every new file in an inbox folder, then build the marts.",
        description =
                "Files already loaded (same content) are skipped; exit code 1 when a file was rejected or a row quarantined.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--inbox",
            paramLabel = "DIR",
            required = true,
            description = "Folder of delivered files (searched recursively).")
    Path inbox;

    @Override
    public Integer call() throws IOException {
        Warehouse w = Sessions.open(main);
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "run", main.spec().commandLine().getErr())) {
            return run(w, inbox, main.spec().commandLine().getOut());
        }
    }

    static int run(Warehouse w, Path inbox, PrintWriter out) throws IOException {
        List<Path> files = inboxFiles(inbox);
        if (files.isEmpty()) {
            out.println("inbox " + inbox + ": no .csv, .xlsx, .xls or .parquet files");
        }
        int code = files.isEmpty() ? Main.OK : LoadCommand.loadAll(org.investlake.ingest.LoadJob.on(w), files, out);
        BuildCommand.build(w, null, false, out);
        return code;
    }

    static List<Path> inboxFiles(Path inbox) throws IOException {
        return org.investlake.ingest.Inbox.files(inbox);
    }
}
