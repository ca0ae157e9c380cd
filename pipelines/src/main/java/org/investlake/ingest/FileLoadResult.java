package org.investlake.ingest;

import java.util.List;

/** What one file's load did: the counts a clerk reads, and the first reasons rows were refused. */
public record FileLoadResult(
        String file,
        String feed,
        String loadId,
        Status status,
        List<String> periods,
        int rowsRead,
        int rowsLoaded,
        int rowsWarned,
        int rowsQuarantined,
        List<String> reasons) {

    /** LOADED: all rows in; PARTIAL: some rows quarantined; REJECTED: nothing in; SKIPPED: same file already loaded. */
    public enum Status {
        LOADED("loaded"),
        PARTIAL("loaded_with_rejects"),
        REJECTED("rejected"),
        SKIPPED("already_loaded");

        private final String logName;

        Status(String logName) {
            this.logName = logName;
        }

        public String logName() {
            return logName;
        }
    }

    /** This result with {@code notes} (e.g. the skipped sheets of its workbook) before its own reasons. */
    public FileLoadResult withReasonsFirst(List<String> notes) {
        if (notes.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(reasons);
        return new FileLoadResult(
                file,
                feed,
                loadId,
                status,
                periods,
                rowsRead,
                rowsLoaded,
                rowsWarned,
                rowsQuarantined,
                List.copyOf(all));
    }

    /** Whether this file makes the command exit with 1 (docs/contract.md "Commands and exit codes"). */
    public boolean failed() {
        return status == Status.REJECTED || rowsQuarantined > 0;
    }

    static FileLoadResult rejected(String file, String feed, String loadId, String reason) {
        return new FileLoadResult(file, feed, loadId, Status.REJECTED, List.of(), 0, 0, 0, 0, List.of(reason));
    }
}
