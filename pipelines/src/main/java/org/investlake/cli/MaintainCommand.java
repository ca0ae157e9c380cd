package org.investlake.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.storage.TableMaintenance;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "maintain",
        mixinStandardHelpOptions = true,
        header = "Compact the tables' small files and delete the files no kept version reads.",
        description = {
            "For every table: OPTIMIZE (many small loads leave many small files; reads slow down with their "
                    + "number), then VACUUM, which deletes only files that no version of the last "
                    + TableMaintenance.RETENTION_DAYS
                    + " days reads — `history`, `restore TABLE --version N` and the reissue of a bulletin as first "
                    + "published reach back that far. A table created by an older investlake gets that retention "
                    + "first (Delta's own default keeps 30 days of versions).",
            "Run it after loading a large backlog, or monthly. Takes the warehouse lock.",
            "Exit code 0 done, 1 failed (nothing is lost: OPTIMIZE and VACUUM never change what a table holds)."
        })
final class MaintainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Warehouse w = Sessions.open(main);
        PrintWriter out = main.spec().commandLine().getOut();
        try (WarehouseLock lock =
                WarehouseLock.acquire(w, "maintain", main.spec().commandLine().getErr())) {
            List<String> tables = w.tables();
            try (Progress p = Progress.start("维护 maintain", tables.size())) {
                List<TableMaintenance.Done> done = new TableMaintenance(w).run(p::step);
                done.forEach(d -> out.println(d.describe()));
            }
            out.flush();
            return Main.OK;
        }
    }
}
