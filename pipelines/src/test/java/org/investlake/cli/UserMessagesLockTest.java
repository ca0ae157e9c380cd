package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.investlake.storage.WarehouseLock;
import org.investlake.storage.WriteTransaction;
import org.investlake.storage.WriteTransaction.Action;
import org.investlake.storage.WriteTransaction.Outcome;
import org.junit.jupiter.api.Test;

/** The one line a user sees when the warehouse is locked or a failed load was rolled back. */
class UserMessagesLockTest {
    @Test
    void aLockedWarehouseIsItsOwnMessageEvenWhenWrapped() {
        RuntimeException e = new RuntimeException(
                "wrapper",
                new WarehouseLock.LockedException("gave up after 10 min waiting for the warehouse lock: ..."));
        assertThat(UserMessages.describe(e)).isEqualTo("gave up after 10 min waiting for the warehouse lock: ...");
    }

    @Test
    void aCauseWithoutMessageIsNamedByTheWrapperThatHasOne() {
        // Spark's broadcast timeout: a SparkException around a bare TimeoutException
        RuntimeException e = new RuntimeException(
                "Could not execute broadcast in 300 secs.\nmore detail", new java.util.concurrent.TimeoutException());
        assertThat(UserMessages.describe(e)).isEqualTo("Could not execute broadcast in 300 secs.");
    }

    @Test
    void aRolledBackFailureSaysWhichTablesAreBack() {
        WriteTransaction.Report report = new WriteTransaction.Report(List.of(
                new Outcome("bronze.stats", 3, Action.RESTORED, 4, 5, 20, 12, "bronze.stats: restored ..."),
                new Outcome("silver.stats", 1, Action.UNCHANGED, 1, 1, -1, -1, "silver.stats: unchanged (version 1)"),
                new Outcome(
                        "ops.quarantine", -1, Action.DELETED, 0, -1, 2, 0, "ops.quarantine: created ...; deleted")));
        IllegalStateException e = new IllegalStateException("disk full");
        e.addSuppressed(new WriteTransaction.RolledBack(report));
        assertThat(UserMessages.describe(e))
                .isEqualTo("disk full (undone: bronze.stats, ops.quarantine back at their last good version)");
    }

    @Test
    void anIncompleteRollbackSaysWhatIsLeft() {
        WriteTransaction.Report report = new WriteTransaction.Report(List.of(new Outcome(
                "silver.stats",
                1,
                Action.REFUSED,
                3,
                3,
                -1,
                -1,
                "silver.stats: version 3 (...) was written by " + "another writer")));
        RuntimeException e =
                new WriteTransaction.IncompleteRollbackException(report, new IllegalStateException("disk full"));
        assertThat(UserMessages.describe(e))
                .isEqualTo("disk full — and the tables could not all be put back: "
                        + "silver.stats: version 3 (...) was written by another writer");
    }
}
