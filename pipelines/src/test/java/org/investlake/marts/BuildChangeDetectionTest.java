package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plain build recomputes, read from the Delta versions and per-period fingerprints it records
 * in ops.build_log: nothing when nothing changed; a month loaded late, that month and the later months
 * of its year, not the earlier ones. Stats only, so only region_growth and sector_growth exist.
 */
class BuildChangeDetectionTest extends SparkTest {
    @TempDir
    Path dir;

    Warehouse w;

    @BeforeEach
    void emptyWarehouse() {
        w = warehouse(dir);
    }

    private Path stats(String period, String growth) {
        return TestFiles.utf8(
                dir.resolve("in"),
                period + "各县市区固定资产投资增速.csv",
                "统计期,县市区,累计增速(%)",
                period + ",桃城区," + growth,
                period + ",全市," + growth);
    }

    @Test
    void buildsNothingWhenNothingChangedAndOnlyTheNewMonthAndLaterOnesWhenOneIsLoaded() {
        MartFixtures.loadAll(w, stats("2023年1-2月", "8.0"), stats("2023年1-4月", "6.0")); // one batch
        BuildJob.Result first = BuildJob.on(w).execute();
        assertThat(first.periodsByMart().get("region_growth")).containsExactly("2023-02", "2023-04");

        assertThat(BuildJob.on(w).execute().nothingBuilt())
                .as("a build with nothing changed")
                .isTrue();

        // 1-3月 arrives late: March is new, April's change is against March; February is not touched
        MartFixtures.load(w, stats("2023年1-3月", "7.0"));
        BuildJob.Result late = BuildJob.on(w).execute();
        assertThat(late.periodsByMart().get("region_growth")).containsExactly("2023-03", "2023-04");
        assertThat(late.deletedByMart().get("region_growth")).isEmpty();

        // the log says why, and from which version of silver.stats
        long stats = new TableVersions(w).current("silver", "stats");
        assertDataFrameEquals(
                rows(
                        "period STRING, action STRING, reason STRING, source_versions STRING",
                        new Object[] {"2023-03", "built", "inputs changed", "silver.stats=" + stats},
                        new Object[] {"2023-04", "built", "follows 2023-03", "silver.stats=" + stats}),
                spark().sql("SELECT period, action, reason, source_versions FROM ops.build_log "
                        + "WHERE mart = 'region_growth' AND build_id = (SELECT max(build_id) FROM ops.build_log) "
                        + "ORDER BY period"));

        // a month after all the others: only itself
        MartFixtures.load(w, stats("2023年1-5月", "6.5"));
        assertThat(BuildJob.on(w).execute().periodsByMart().get("region_growth"))
                .containsExactly("2023-05");
        assertThat(BuildJob.on(w).execute().nothingBuilt()).isTrue();
    }
}
