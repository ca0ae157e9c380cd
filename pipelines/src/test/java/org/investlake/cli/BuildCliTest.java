package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    record Run(int code, String out, String err) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--warehouse";
        all[1] = dir.resolve("warehouse").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void buildReportsTheDeletedPeriodAfterARestore() {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        long febVersion = new TableVersions(w).current("silver", "stats");
        LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(feb.rowsLoaded()).isEqualTo(4);

        Run first = cli("build");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("gold.region_growth: rebuilt 2 period(s) 2023-02, 2023-03");

        Run again = cli("build");
        assertThat(again.out().lines().toList())
                .containsExactly("gold: nothing to build (no input has changed since the last build)");

        assertThat(cli("restore", "silver.stats", "--version", String.valueOf(febVersion))
                        .code())
                .isZero();
        // March is gone from silver: gone from gold too, and said; February's rows did not change
        Run afterRestore = cli("build");
        assertThat(afterRestore.code()).as(afterRestore.err()).isZero();
        assertThat(afterRestore.out().lines().toList())
                .contains("gold.region_growth: deleted 1 period(s) no longer in its inputs: 2023-03");
        assertThat(afterRestore.out()).doesNotContain("rebuilt");
    }
}
