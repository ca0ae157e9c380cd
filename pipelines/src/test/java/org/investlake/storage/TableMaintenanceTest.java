package org.investlake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE and VACUUM with the warehouse's retention: fewer files, the same rows, every kept version readable. */
class TableMaintenanceTest extends SparkTest {
    @TempDir
    Path dir;

    private static long count(String sql) {
        return spark().sql(sql).first().getLong(0);
    }

    @Test
    void compactsSmallFilesKeepsRowsAndVersionsAndSetsTheRetentionOnOlderTables() {
        Warehouse w = warehouse(dir);
        TableStore store = new TableStore(w);
        // three loads of one row each: three appends, at least three data files
        for (String code : List.of("a", "b", "c")) {
            store.append(
                    DemoTables.VALUES, rows("code STRING, value INT", new Object[] {code, 1}), DemoTables.note(code));
        }
        assertThat(spark().sql("SHOW TBLPROPERTIES silver.demo ('delta.logRetentionDuration')")
                        .first()
                        .getString(1))
                .as("a table is created with the warehouse's retention")
                .isEqualTo("interval 760 days");
        // a table made by an older investlake: Delta's defaults, no retention set
        spark().sql("CREATE TABLE ops.old USING DELTA LOCATION '" + w.location("ops", "old")
                + "' AS SELECT 1 AS n UNION ALL SELECT 2");
        w.register("ops", "old");

        List<TableMaintenance.Done> done = new TableMaintenance(w).run(table -> {});

        TableMaintenance.Done demo = done.stream()
                .filter(d -> d.table().equals("silver.demo"))
                .findFirst()
                .orElseThrow();
        assertThat(demo.filesBefore()).as("one file per append at least").isGreaterThanOrEqualTo(3);
        assertThat(demo.filesAfter()).as("compacted").isEqualTo(1);
        assertThat(demo.retentionSet()).as("already had it").isFalse();
        assertThat(count("SELECT count(*) FROM silver.demo")).as("rows after").isEqualTo(3L);
        // version 1 (the first load) is still readable after VACUUM: its file is within the retention
        assertThat(count("SELECT count(*) FROM delta.`" + w.location("silver", "demo") + "` VERSION AS OF 1"))
                .isEqualTo(1L);
        TableMaintenance.Done old = done.stream()
                .filter(d -> d.table().equals("ops.old"))
                .findFirst()
                .orElseThrow();
        assertThat(old.retentionSet()).as("set on the older table").isTrue();
        assertThat(spark().sql("SHOW TBLPROPERTIES ops.old ('delta.deletedFileRetentionDuration')")
                        .first()
                        .getString(1))
                .isEqualTo("interval 760 days");
        assertThat(old.describe())
                .isEqualTo("ops.old: " + old.filesBefore() + " → 1 data files; retention set to 760 days");
    }
}
