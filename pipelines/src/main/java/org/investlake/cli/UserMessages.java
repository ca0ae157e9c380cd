package org.investlake.cli;

import org.apache.spark.sql.AnalysisException;

/** Turns an exception into one sentence a user can act on. */
final class UserMessages {
    private UserMessages() {}

    static String describe(Throwable ex) {
        String message = describeOne(ex);
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof org.investlake.storage.WriteTransaction.RolledBack r) {
                    return message + " (undone: " + String.join(", ", r.tables()) + " back at their last good version)";
                }
            }
        }
        return message;
    }

    private static String describeOne(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.investlake.storage.WarehouseLock.LockedException) {
                return firstLine(t.getMessage());
            }
            if (t instanceof org.investlake.storage.WriteTransaction.IncompleteRollbackException r
                    && r.getCause() != null) {
                return describeOne(r.getCause()) + " — and the tables could not all be put back: "
                        + String.join(
                                "; ",
                                r.report().outcomes().stream()
                                        .filter(o -> o.action()
                                                        == org.investlake.storage.WriteTransaction.Action.REFUSED
                                                || o.action() == org.investlake.storage.WriteTransaction.Action.FAILED)
                                        .map(o -> o.message())
                                        .toList());
            }
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof AnalysisException)) {
            root = root.getCause();
        }
        String name = root.getClass().getName();
        if (name.contains("ConcurrentModification")
                || name.contains("ConcurrentAppend")
                || name.contains("ConcurrentWrite")
                || name.contains("ConcurrentDelete")) {
            return "another load or build is writing to the same warehouse; try again when it has finished";
        }
        if (root instanceof AnalysisException a) {
            return "SQL error: " + firstLine(a.getSimpleMessage());
        }
        String msg = root.getMessage();
        if (msg == null) {
            // a bare cause (e.g. the TimeoutException under "Could not execute broadcast in 300 secs") says
            // nothing alone: the nearest wrapper with a message says what timed out
            for (Throwable t = ex; t != null && t != root; t = t.getCause()) {
                if (t.getMessage() != null) {
                    msg = t.getMessage();
                }
            }
        }
        return msg == null ? root.getClass().getSimpleName() : firstLine(msg);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
