package org.investlake.cli;

import java.io.PrintWriter;
import java.util.List;
import org.investlake.ingest.FileLoadResult;

/** Prints what a load did, a line per file, then the first reasons and where the rejects are. */
final class LoadReportPrinter {
    private LoadReportPrinter() {}

    static void print(PrintWriter out, FileLoadResult r) {
        String mark = switch (r.status()) {
            case LOADED -> "✓";
            case PARTIAL -> "!";
            case REJECTED -> "✗";
            case SKIPPED -> "=";
        };
        String periods = r.periods().isEmpty() ? "" : " " + String.join(",", r.periods());
        out.printf("%s %s  [%s%s]  %s%n", mark, r.file(), r.feed() == null ? "?" : r.feed(), periods, counts(r));
        for (String reason : r.reasons()) {
            out.println("    " + reason);
        }
        if (r.rowsQuarantined() > r.reasons().size()) {
            out.printf(
                    "    … %d more in ops.quarantine%n",
                    r.rowsQuarantined() - r.reasons().size());
        }
    }

    /** The totals; {@code dryRun}: nothing was written, so there is no ops.quarantine to point at. */
    static void summary(PrintWriter out, List<FileLoadResult> results, boolean dryRun) {
        int read = 0, loaded = 0, warned = 0, quarantined = 0, rejected = 0, skipped = 0;
        for (FileLoadResult r : results) {
            read += r.rowsRead();
            loaded += r.rowsLoaded();
            warned += r.rowsWarned();
            quarantined += r.rowsQuarantined();
            rejected += r.status() == FileLoadResult.Status.REJECTED ? 1 : 0;
            skipped += r.status() == FileLoadResult.Status.SKIPPED ? 1 : 0;
        }
        out.printf(
                "%d files: %d rows read, %d loaded, %d warned, %d quarantined; %d files rejected, %d already loaded%n",
                results.size(), read, loaded, warned, quarantined, rejected, skipped);
        if (!dryRun && (quarantined > 0 || rejected > 0)) {
            out.println(
                    "Rejected rows and reasons: investlake sql \"SELECT source_file, row_number, reason FROM ops.quarantine\""
                            + "; rejected files: ops.load_log WHERE status = 'rejected'");
        }
    }

    private static String counts(FileLoadResult r) {
        return switch (r.status()) {
            case REJECTED ->
                r.rowsRead() == 0
                        ? "rejected (文件被拒绝)"
                        : String.format("rejected (文件被拒绝): read %d, every row quarantined", r.rowsRead());
            case SKIPPED -> "already loaded (已入库,跳过)";
            default ->
                String.format(
                        "read %d, loaded %d, warned %d, quarantined %d",
                        r.rowsRead(), r.rowsLoaded(), r.rowsWarned(), r.rowsQuarantined());
        };
    }
}
