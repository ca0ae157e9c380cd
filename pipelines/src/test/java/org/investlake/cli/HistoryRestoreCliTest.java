package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.investlake.SparkTest;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `history` and `restore` on the stats fixture: find the bad load, go back to the version before it. */
class HistoryRestoreCliTest extends SparkTest {
    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.in(dir.resolve("warehouse"), args);
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }

    @Test
    void historyShowsTheMergeOfEachLoadAndRestoreBringsBackTheEarlierRows() throws IOException {
        Warehouse w = warehouse(dir);
        FileLoadResult feb = LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        FileLoadResult mar = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(mar.rowsLoaded()).as(mar.reasons().toString()).isEqualTo(4);

        CliRun history = cli("history", "silver.stats", "--format", "csv");
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out().lines().findFirst().orElseThrow())
                .isEqualTo("version,timestamp,operation,load_id,file,user_metadata,num_output_rows,metrics");
        List<CSVRecord> commits = csv(history.out());
        CSVRecord febMerge = commits.stream()
                .filter(r -> r.get("load_id").equals(feb.loadId()))
                .findFirst()
                .orElseThrow();
        CSVRecord marMerge = commits.stream()
                .filter(r -> r.get("load_id").equals(mar.loadId()))
                .findFirst()
                .orElseThrow();
        assertThat(febMerge.get("operation")).isEqualTo("MERGE");
        assertThat(febMerge.get("file")).isEqualTo("2023年1-2月各县市区固定资产投资.csv");
        assertThat(febMerge.get("user_metadata"))
                .isEqualTo("load_id=" + feb.loadId() + "; file=2023年1-2月各县市区固定资产投资.csv; silver 2023-02");
        // February into an empty table: 4 rows inserted, 4 written
        assertThat(febMerge.get("num_output_rows")).isEqualTo("4");
        assertThat(febMerge.get("metrics")).contains("numTargetRowsInserted=4");
        assertThat(marMerge.get("operation")).isEqualTo("MERGE");
        assertThat(commits.get(0)).as("newest first").isSameAs(marMerge);
        long febVersion = Long.parseLong(febMerge.get("version"));
        long marVersion = Long.parseLong(marMerge.get("version"));

        CliRun table = cli("history", "silver.stats");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("MERGE").contains(feb.loadId()).contains("rows)");

        // March was the bad load: back to February's version. 8 rows (4 + 4) → February's 4
        CliRun restore = cli("restore", "silver.stats", "--version", String.valueOf(febVersion));
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out().lines().toList())
                .containsExactly(
                        "silver.stats restored to version " + febVersion + " (was version " + marVersion
                                + "; rows 8 → 4)",
                        "(the restore is version " + (marVersion + 1)
                                + " in `history silver.stats`; `restore silver.stats --version " + marVersion
                                + "` undoes it)");
        assertDataFrameEquals(
                rows(
                        "period STRING, region_code STRING, ytd_growth_pct DOUBLE",
                        new Object[] {"2023-02", "131100", 6.4},
                        new Object[] {"2023-02", "131102", 8.0},
                        new Object[] {"2023-02", "131103", 6.0},
                        new Object[] {"2023-02", "131123", 3.0}),
                spark().sql(
                                "SELECT period, region_code, ytd_growth_pct FROM silver.stats ORDER BY period, region_code"));

        CSVRecord newest = csv(cli("history", "silver.stats", "--format", "csv", "--limit", "1")
                        .out())
                .get(0);
        assertThat(newest.get("operation")).isEqualTo("RESTORE");
        assertThat(newest.get("version")).isEqualTo(String.valueOf(marVersion + 1));
        assertThat(newest.get("user_metadata")).isEqualTo("restore to version " + febVersion + " (investlake restore)");

        CliRun badVersion = cli("restore", "silver.stats", "--version", "99");
        assertThat(badVersion.code()).isEqualTo(Main.REJECTED);
        assertThat(badVersion.err().lines().toList())
                .containsExactly("investlake: silver.stats has no version 99: its " + "versions are 0 to "
                        + (marVersion + 1) + " (see `investlake history silver.stats`)");

        CliRun badTable = cli("restore", "silver.nope", "--version", "1");
        assertThat(badTable.code()).isEqualTo(Main.REJECTED);
        assertThat(badTable.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("investlake: no table silver.nope in this warehouse; tables: bronze.stats, ")
                .contains("silver.stats")
                .contains("ops.load_log");

        CliRun badHistory = cli("history", "stats");
        assertThat(badHistory.code()).isEqualTo(Main.REJECTED);
        assertThat(badHistory.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("investlake: 「stats」 is not LAYER.NAME (e.g. silver.stats); tables: ");
    }

    @Test
    void helpAndUsage() {
        for (String command : List.of("history", "restore")) {
            CliRun help = cli(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .contains("Usage: investlake " + command)
                    .contains("TABLE");
        }
        assertThat(cli("restore", "--help").out()).contains("--version=N");
        assertThat(cli("restore", "silver.stats").code())
                .as("--version is required")
                .isEqualTo(Main.USAGE);
        assertThat(cli("history").code()).isEqualTo(Main.USAGE);
    }
}
