package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose ops.build_log was written before builds recorded input versions (it has
 * source_loaded_at, no source_versions): the first build adds the new columns, rebuilds every period
 * once (the old rows say nothing it can trust), and the next build finds nothing to do.
 */
class BuildLogUpgradeTest extends SparkTest {
    @TempDir
    Path dir;

    /** ops.build_log as it was: build_id, mart, period, rows, source_loaded_at, built_at. */
    private static final TableDoc OLD_LOG = new TableDoc(
            "ops",
            "build_log",
            "汇总表构建日志",
            "one row per build, mart and period",
            List.of(),
            List.of(),
            false,
            List.of(
                    new TableDoc.Column("build_id", "构建批次", "id of the build run", "STRING"),
                    new TableDoc.Column("mart", "汇总表", "gold table name", "STRING"),
                    new TableDoc.Column("period", "统计期", "period rebuilt", "STRING"),
                    new TableDoc.Column("rows", "行数", "rows written", "INT"),
                    new TableDoc.Column("source_loaded_at", "数据时间", "latest loaded_at", "TIMESTAMP"),
                    new TableDoc.Column("built_at", "构建时间", "when", "TIMESTAMP")));

    @Test
    void anOldBuildLogGetsTheNewColumnsAndEveryPeriodIsRebuiltOnce() {
        Warehouse w = warehouse(dir);
        MartFixtures.load(w, StatsFixture.february(dir.resolve("in")));
        Timestamp t = Timestamp.valueOf("2099-01-01 00:00:00");
        // recorded as built from data loaded later than any load: the old rule would rebuild nothing
        new TableStore(w)
                .append(
                        OLD_LOG,
                        rows(
                                OLD_LOG.declaredSchema().toDDL(),
                                new Object[] {"B20230320-100000-000", "region_growth", "2023-02", 4, t, t}),
                        "build_id=B20230320-100000-000");

        BuildJob.Result r = BuildJob.on(w).marts("region_growth").execute();
        assertThat(r.periodsByMart().get("region_growth")).containsExactly("2023-02");
        assertThat(spark().table("ops.build_log").columns())
                .contains("source_loaded_at", "source_versions", "input_fingerprint", "output_version");
        assertThat(spark().sql("SELECT count(*) FROM ops.build_log WHERE source_versions IS NOT NULL")
                        .first()
                        .getLong(0))
                .isEqualTo(1L);

        assertThat(BuildJob.on(w).marts("region_growth").execute().nothingBuilt())
                .isTrue();
    }
}
