package org.investlake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, history and RESTORE on a small table written in the test. */
class TableVersionsTest extends SparkTest {
    @TempDir
    Path dir;

    @Test
    void snapshotHistoryAndRestoreOfASmallTable() {
        Warehouse w = warehouse(dir);
        TableStore store = new TableStore(w);
        TableVersions versions = new TableVersions(w);
        assertThat(versions.current("silver", "demo")).isEqualTo(TableVersions.ABSENT);

        // version 0: CREATE TABLE (TableStore.ensure); 1: the first load appends a=1, b=2
        store.append(
                DemoTables.VALUES,
                rows("code STRING, value INT", new Object[] {"a", 1}, new Object[] {"b", 2}),
                DemoTables.note("L1"));
        // version 2: the second load merges b=20 (update) and c=3 (insert): a=1, b=20, c=3
        store.merge(
                DemoTables.VALUES,
                rows("code STRING, value INT", new Object[] {"b", 20}, new Object[] {"c", 3}),
                List.of("code"),
                DemoTables.note("L2"));

        assertThat(versions.current("silver", "demo")).isEqualTo(2L);
        assertThat(versions.snapshot(List.of("silver.demo", "gold.none")))
                .containsExactly(Map.entry("silver.demo", 2L), Map.entry("gold.none", TableVersions.ABSENT));

        TableVersions.Restored r = versions.restore("silver.demo", 1);
        // restored to 1 from 2; the RESTORE is the new version 3; rows 3 → 2
        assertThat(r).isEqualTo(new TableVersions.Restored("silver.demo", 1, 2, 3, 3, 2));
        assertThat(r.describe()).isEqualTo("silver.demo restored to version 1 (was version 2; rows 3 → 2)");
        assertDataFrameEquals(
                rows("code STRING, value INT", new Object[] {"a", 1}, new Object[] {"b", 2}),
                spark().sql("SELECT code, value FROM silver.demo ORDER BY code"));
        assertThat(versions.restore("silver.demo", 3).changed())
                .as("already at version 3")
                .isFalse();

        List<Row> h = versions.history("silver", "demo", 10).collectAsList();
        assertThat(h).extracting(x -> x.getLong(0)).containsExactly(3L, 2L, 1L, 0L);
        assertThat(h).extracting(x -> x.getString(2)).containsExactly("RESTORE", "MERGE", "WRITE", "CREATE TABLE");
        Row merge = h.get(1);
        assertThat(merge.getAs("load_id").toString()).isEqualTo("L2");
        assertThat(merge.getAs("file").toString()).isEqualTo("L2.csv");
        assertThat(merge.getAs("user_metadata").toString()).isEqualTo("load_id=L2; file=L2.csv; test");
        // a=1 and b=2 went into two files (two partitions on local[2]): the MERGE rewrote only b's file,
        // writing b=20 (updated) and c=3 (inserted): 2 output rows, none copied
        assertThat((Long) merge.getAs("num_output_rows")).isEqualTo(2L);
        assertThat(merge.getAs("metrics").toString())
                .contains("numTargetRowsInserted=1")
                .contains("numTargetRowsUpdated=1")
                .doesNotContain("TimeMs")
                .doesNotContain("Bytes");
        assertThat((Long) h.get(2).getAs("num_output_rows"))
                .as("the WRITE appended a and b")
                .isEqualTo(2L);
        assertThat(h.get(0).getAs("user_metadata").toString()).isEqualTo("restore to version 1");
        assertThat(h.get(0).isNullAt(h.get(0).fieldIndex("load_id"))).isTrue();

        assertThatThrownBy(() -> versions.restore("silver.demo", 9))
                .isInstanceOf(TableVersions.NoSuchVersionException.class)
                .hasMessage(
                        "silver.demo has no version 9: its versions are 0 to 3 (see `investlake history silver.demo`)");
        assertThatThrownBy(() -> versions.restore("silver.demo", -1))
                .isInstanceOf(TableVersions.NoSuchVersionException.class);
        assertThatThrownBy(() -> versions.table("silver.nope"))
                .isInstanceOf(TableVersions.NoSuchTableException.class)
                .hasMessage("no table silver.nope in this warehouse; tables: silver.demo");
        assertThatThrownBy(() -> versions.table("stats"))
                .hasMessage("「stats」 is not LAYER.NAME (e.g. silver.stats); tables: silver.demo");
        assertThatThrownBy(() -> versions.table("platinum.stats"))
                .hasMessage("no layer 「platinum」: layers are bronze, silver, gold, ops; tables: silver.demo");
    }
}
