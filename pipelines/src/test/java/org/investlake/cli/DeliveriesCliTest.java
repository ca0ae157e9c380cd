package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `restore --load`, `reprocess` and `load --force` as a user runs them: what they print, their exit codes. */
class DeliveriesCliTest extends SparkTest {
    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.in(dir.resolve("warehouse"), args);
    }

    @Test
    void restoreLoadUndoesOneDeliveryAndReprocessReplaysTheRest() {
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        // 1-3月 delivered again, 武强县 6300 → 6360 and +5.0 → +6.0
        Path corrected = TestFiles.utf8(
                dir.resolve("corrected"),
                "2023年1-3月更正.csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,16500,15000,10.0",
                "冀州区,7440,8000,下降7.0",
                "武强县,6360,6000,6.0",
                "全市,30240,29000,4.3");
        FileLoadResult fix = LoadJob.on(w).execute(corrected);

        CliRun undo = cli("restore", "--load", fix.loadId());
        assertThat(undo.code()).as(undo.err()).isZero();
        assertThat(undo.out())
                .contains("load " + fix.loadId() + " undone")
                .contains("silver.stats 2023-03: 0 added, 1 changed, 0 removed") // 武强县 back to the first delivery
                .contains("1 deliveries replayed; quarantined rows 0 before, 0 now")
                .contains("gold.region_growth: rebuilt");

        CliRun twice = cli("restore", "--load", fix.loadId());
        assertThat(twice.code()).isEqualTo(Main.REJECTED);
        assertThat(twice.err()).contains("already undone").doesNotContain("Exception");

        CliRun reprocess = cli("reprocess", "--feed", "stats");
        assertThat(reprocess.code()).as(reprocess.err()).isZero();
        // February and the first 1-3月 delivery again, with the same rules: nothing changes
        assertThat(reprocess.out())
                .contains("silver.stats 2023-02: unchanged")
                .contains("silver.stats 2023-03: unchanged")
                .contains("2 deliveries replayed");

        CliRun forced = cli("load", "--force", corrected.toString());
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("read 4, loaded 4");

        assertThat(cli("restore", "--load", fix.loadId(), "silver.stats").code())
                .as("--load with TABLE")
                .isEqualTo(Main.USAGE);
        assertThat(cli("restore", "silver.stats").code())
                .as("TABLE without --version")
                .isEqualTo(Main.USAGE);
        assertThat(cli("reprocess", "--feed", "nonsense").code()).isEqualTo(Main.REJECTED);
    }
}
