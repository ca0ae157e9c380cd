package org.investlake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.investlake.SparkTest;
import org.investlake.storage.WriteTransaction.Action;
import org.investlake.storage.WriteTransaction.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load's writes undone: every table back at its last good state. The writer's calls are the ones
 * TableStore makes once wired ({@code tx.beforeWrite} before each write).
 */
class WriteTransactionTest extends SparkTest {
    @TempDir
    Path dir;

    private static final String VALUES = "code STRING, value INT";
    private static final String LOG = "load_id STRING, rows INT";

    @Test
    void rollbackAfterTwoWritesRestoresBothTablesAndDeletesTheCreatedOne() {
        Warehouse w = warehouse(dir);
        TableStore store = new TableStore(w);
        // the last good state: load L0 wrote a=1, b=2 (silver.demo versions 0 create, 1 write) and its log row
        // (ops.demo_log versions 0 create, 1 write)
        store.append(
                DemoTables.VALUES, rows(VALUES, new Object[] {"a", 1}, new Object[] {"b", 2}), DemoTables.note("L0"));
        store.append(DemoTables.LOG, rows(LOG, new Object[] {"L0", 2}), DemoTables.note("L0"));

        // load L1 merges b=20, c=3 (silver.demo v2), logs itself (ops.demo_log v2), creates ops.demo_new, then fails
        WriteTransaction tx = WriteTransaction.begin(w, "load_id=L1");
        WriteTransaction.RolledBack[] rolledBack = new WriteTransaction.RolledBack[1];
        assertThatThrownBy(() -> tx.run(() -> {
                    tx.beforeWrite("silver", "demo");
                    store.merge(
                            DemoTables.VALUES,
                            rows(VALUES, new Object[] {"b", 20}, new Object[] {"c", 3}),
                            List.of("code"),
                            DemoTables.note("L1"));
                    tx.beforeWrite("ops", "demo_log");
                    store.append(DemoTables.LOG, rows(LOG, new Object[] {"L1", 2}), DemoTables.note("L1"));
                    tx.beforeWrite("ops", "demo_new");
                    store.append(DemoTables.CREATED, rows(LOG, new Object[] {"L1", 2}), DemoTables.note("L1"));
                    tx.beforeWrite("silver", "demo"); // a second write to a table keeps the first recorded version
                    tx.beforeWrite("ops", "demo_unused"); // about to be written when the load failed
                    assertThat(tx.touched())
                            .containsOnly(
                                    Map.entry("silver.demo", 1L),
                                    Map.entry("ops.demo_log", 1L),
                                    Map.entry("ops.demo_new", TableVersions.ABSENT),
                                    Map.entry("ops.demo_unused", TableVersions.ABSENT));
                    // the failure: Spark's AnalysisException, a checked exception Scala throws through the Supplier
                    return spark().sql("SELECT no_such_column FROM silver.demo").collectAsList();
                }))
                .isInstanceOf(org.apache.spark.sql.AnalysisException.class)
                .hasMessageContaining("no_such_column")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .isInstanceOfSatisfying(WriteTransaction.RolledBack.class, r -> rolledBack[0] = r));

        assertThat(rolledBack[0].tables()).containsExactly("silver.demo", "ops.demo_log", "ops.demo_new");
        assertThat(rolledBack[0].report().outcomes())
                .containsExactly(
                        // recorded 1, found at 2 with a, b, c; the RESTORE is version 3, with a, b
                        new Outcome(
                                "silver.demo",
                                1,
                                Action.RESTORED,
                                2,
                                3,
                                3,
                                2,
                                "silver.demo: restored to version 1 (was version 2; rows 3 → 2)"),
                        // recorded 1, found at 2 with L0, L1; the RESTORE is version 3, with L0
                        new Outcome(
                                "ops.demo_log",
                                1,
                                Action.RESTORED,
                                2,
                                3,
                                2,
                                1,
                                "ops.demo_log: restored to version 1 (was version 2; rows 2 → 1)"),
                        // absent, created at 0 and written at 1 with L1: deleted
                        new Outcome(
                                "ops.demo_new",
                                -1,
                                Action.DELETED,
                                1,
                                -1,
                                1,
                                0,
                                "ops.demo_new: created by the failed write; deleted (was version 1; rows 1 → 0)"),
                        new Outcome(
                                "ops.demo_unused",
                                -1,
                                Action.UNCHANGED,
                                -1,
                                -1,
                                -1,
                                -1,
                                "ops.demo_unused: unchanged (version none)"));
        assertThat(rolledBack[0].report().complete()).isTrue();
        assertThatThrownBy(() -> tx.beforeWrite("silver", "demo"))
                .as("rolled back: closed")
                .isInstanceOf(IllegalStateException.class);

        assertDataFrameEquals(
                rows(VALUES, new Object[] {"a", 1}, new Object[] {"b", 2}),
                spark().sql("SELECT code, value FROM silver.demo ORDER BY code"));
        assertDataFrameEquals(rows(LOG, new Object[] {"L0", 2}), spark().sql("SELECT load_id, rows FROM ops.demo_log"));
        assertThat(w.exists("ops", "demo_new"))
                .as("created by the failed load: gone")
                .isFalse();
        assertThat(Files.exists(dir.resolve("warehouse/ops/demo_new"))).isFalse();
        assertThat(spark().catalog().tableExists("ops.demo_new")).isFalse();
        // the rollback is itself one RESTORE commit per table: silver.demo 2 → 3, ops.demo_log 2 → 3
        TableVersions versions = new TableVersions(w);
        assertThat(versions.current("silver", "demo")).isEqualTo(3L);
        assertThat(versions.history("silver", "demo", 1)
                        .first()
                        .getAs("user_metadata")
                        .toString())
                .isEqualTo("rollback of load_id=L1");
    }

    @Test
    void refusesWhenAnotherWriterCommittedInBetween() {
        Warehouse w = warehouse(dir);
        TableStore store = new TableStore(w);
        store.append(DemoTables.VALUES, rows(VALUES, new Object[] {"a", 1}), DemoTables.note("L0")); // v0, v1

        WriteTransaction tx = WriteTransaction.begin(w, "load_id=L1");
        tx.beforeWrite("silver", "demo");
        store.append(DemoTables.VALUES, rows(VALUES, new Object[] {"b", 2}), DemoTables.note("L1")); // v2, ours
        store.append(DemoTables.VALUES, rows(VALUES, new Object[] {"x", 9}), DemoTables.note("OTHER")); // v3, not ours

        WriteTransaction.Report report = tx.rollback();
        assertThat(report.complete()).isFalse();
        WriteTransaction.Outcome o = report.outcomes().get(0);
        assertThat(o.action()).isEqualTo(WriteTransaction.Action.REFUSED);
        assertThat(o.message())
                .isEqualTo("silver.demo: version 3 (WRITE, load_id=OTHER; file=OTHER.csv; test) was "
                        + "written by another writer after load_id=L1; not rolled back — check `investlake history silver.demo`, "
                        + "then restore it by hand (`investlake restore silver.demo --version 1` would also undo that writer's "
                        + "commit)");
        // nothing was undone: a, b (ours) and x (theirs) are all there, still at version 3
        assertDataFrameEquals(
                rows(VALUES, new Object[] {"a", 1}, new Object[] {"b", 2}, new Object[] {"x", 9}),
                spark().sql("SELECT code, value FROM silver.demo ORDER BY code"));
        assertThat(new TableVersions(w).current("silver", "demo")).isEqualTo(3L);
    }
}
