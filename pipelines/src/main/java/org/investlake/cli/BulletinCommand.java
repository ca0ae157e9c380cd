package org.investlake.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.investlake.report.Bulletins;
import org.investlake.storage.Warehouse;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "bulletin",
        mixinStandardHelpOptions = true,
        header = "Write the monthly bulletin (月通报) of a period as one self-contained HTML page, or reissue one.",
        description = {
            "--period YYYY-MM writes 「YYYY年1-M月全市抓投资上项目工作通报」 from the gold marts: the headline against the "
                    + "year's targets, growth by unit and sector, key-project and special-bond progress against 序时进度, "
                    + "the scorecard, drop alerts, the 约谈 list and the red and yellow projects, with charts and a "
                    + "commentary; data not yet delivered is named, never shown as 0. The bulletin is recorded in "
                    + "ops.bulletins with the Delta version of every mart it read and the file's SHA-256.",
            "--reissue ID regenerates a recorded bulletin from those versions (Delta time travel): the same bytes, even "
                    + "after later corrections. Exit 1 when the bytes differ from the record."
        })
final class BulletinCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--period", paramLabel = "YYYY-MM", description = "The period to report, e.g. 2023-06.")
        String period;

        @Option(
                names = "--reissue",
                paramLabel = "ID",
                description = "A bulletin_id of ops.bulletins to regenerate from the versions it read.")
        String reissue;
    }

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder to write into, local or a URI on the warehouse's file system. Default: bulletins "
                    + "in the current folder (bulletins/reissued for --reissue); <warehouse>/bulletins for a warehouse "
                    + "on HDFS or another Hadoop file system.")
    String out;

    @Override
    public Integer call() {
        PrintWriter o = main.spec().commandLine().getOut();
        if (mode.period != null) {
            try {
                Bulletins.checkPeriod(mode.period);
            } catch (IllegalArgumentException e) {
                RestoreCommand.fail(main, e.getMessage());
                return Main.USAGE;
            }
        }
        Warehouse w = Sessions.open(main);
        if (mode.period != null) {
            Bulletins.Written b = Bulletins.write(w, mode.period, out == null ? Bulletins.defaultFolder(w) : out);
            o.println(b.title() + " (" + b.bulletinId() + ")");
            o.println("  " + b.html());
            o.println("  " + b.xlsx());
            b.missingFeeds().forEach(m -> o.println("  未报送: " + m));
            o.println("  recorded in ops.bulletins; reissue with: bulletin --reissue " + b.bulletinId());
            o.flush();
            return Main.OK;
        }
        Bulletins.Written b;
        try {
            b = Bulletins.reissue(w, mode.reissue, out == null ? Bulletins.defaultFolder(w) + "/reissued" : out);
        } catch (IllegalArgumentException e) {
            return RestoreCommand.fail(main, e.getMessage());
        }
        o.println(b.title() + " (" + b.bulletinId() + ") regenerated from the versions it read:");
        o.println("  " + b.html());
        o.println("  " + b.xlsx());
        o.flush();
        if (!b.identical()) {
            PrintWriter err = main.spec().commandLine().getErr();
            err.println("the regenerated files differ from the ones recorded (page SHA-256 " + b.htmlSha256()
                    + "): the charts' label positions depend on the CJK fonts installed, so a machine with other"
                    + " fonts than the one that wrote the bulletin draws them at other coordinates");
            err.flush();
            return Main.REJECTED;
        }
        o.println("  identical to the bulletin recorded (SHA-256 " + b.htmlSha256() + ")");
        o.flush();
        return Main.OK;
    }
}
