package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `build` says what it rebuilt and what it deleted: a restore that removed a month is reported. */
class BuildCliTest extends SparkTest {
    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.in(dir.resolve("warehouse"), args);
    }

    @Test
    void buildReportsTheDeletedPeriodAfterARestore() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        long febVersion = new TableVersions(w).current("silver", "stats");
        LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(feb.rowsLoaded()).isEqualTo(4);

        CliRun first = cli("build");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("gold.region_growth: rebuilt 2 period(s) 2023-02, 2023-03");

        CliRun again = cli("build");
        assertThat(again.out().lines().toList())
                .containsExactly("gold: nothing to build (no input has changed since the last build)");

        assertThat(cli("restore", "silver.stats", "--version", String.valueOf(febVersion))
                        .code())
                .isZero();
        // March is gone from silver: gone from gold too, and said; February's rows did not change
        CliRun afterRestore = cli("build");
        assertThat(afterRestore.code()).as(afterRestore.err()).isZero();
        assertThat(afterRestore.out().lines().toList())
                .contains("gold.region_growth: deleted 1 period(s) no longer in its inputs: 2023-03");
        assertThat(afterRestore.out()).doesNotContain("rebuilt");
    }
}
