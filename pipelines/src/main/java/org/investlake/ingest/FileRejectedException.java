package org.investlake.ingest;

/**
 * A file that cannot be loaded at all (no header, no period, unreadable encoding...). The message is
 * the clerk's: which file and why, in words from the feed's schema.
 */
public final class FileRejectedException extends Exception {
    private final String ruleId;

    public FileRejectedException(String ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}
