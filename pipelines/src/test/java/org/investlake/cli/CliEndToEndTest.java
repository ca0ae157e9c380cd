package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end in a temporary warehouse: sample → run → sql, and the exit codes. */
class CliEndToEndTest extends SparkTest {
    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.in(dir.resolve("warehouse"), args);
    }

    @Test
    void sampleRunAndSqlGiveTheJuneRanking() throws IOException {
        CliRun sample =
                cli("sample", "--year", "2023", "--out", dir.resolve("sample").toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("22 stats");

        // May and June by region and by sector: the story's collapse of 武邑县 happens between them
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (var files = Files.list(dir.resolve("sample/stats"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("2023年1-[56]月.*"))
                    .toList()) {
                Files.copy(f, inbox.resolve(f.getFileName()));
            }
        }
        CliRun run = cli("run", "--inbox", inbox.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("4 files: ")
                .contains("0 quarantined")
                .contains("gold.region_growth: rebuilt 2 period(s)");

        CliRun sql = cli(
                "sql",
                "SELECT * FROM gold.region_growth WHERE period = '2023-06' ORDER BY region_code",
                "--format",
                "csv");
        assertThat(sql.code()).as(sql.err()).isZero();
        List<String> lines = sql.out().lines().toList();
        assertThat(lines.get(0).split(","))
                .containsExactly(
                        "period",
                        "year",
                        "month",
                        "region_code",
                        "region_name",
                        "ytd_growth_pct",
                        "target_growth_pct",
                        "gap_pp",
                        "prev_growth_pct",
                        "change_pp",
                        "rank",
                        "target_note",
                        "meets_target",
                        "drop_alert",
                        "ytd_amount_wan",
                        "month_amount_wan");
        assertThat(lines).as("13 units and the 全市 row, after the header").hasSize(15);
        String quanshi =
                lines.stream().filter(l -> l.contains(",全市,")).findFirst().orElseThrow();
        assertThat(quanshi)
                .as("全市 has no rank")
                .contains(",7.0,")
                .matches(".*,,(true|false),(true|false),[0-9.]+,[0-9.-]+$");
        // the sample's story: 武邑县 falls from 7.2 (1-5月) to 1.0 (1-6月), last of 13, alert raised; its target
        // note is empty, as it has a target
        String wuyi =
                lines.stream().filter(l -> l.contains(",武邑县,")).findFirst().orElseThrow();
        assertThat(Arrays.asList(wuyi.split(",")))
                .containsSequence("1.0", "7.0", "-6.0", "7.2", "-6.2", "13", "", "false", "true");

        CliRun json = cli(
                "sql",
                "SELECT region_name, rank FROM gold.region_growth WHERE period = '2023-06' AND rank = 1",
                "--format",
                "json");
        assertThat(json.out().strip()).startsWith("{\"region_name\":").endsWith("\"rank\":1}");
    }

    @Test
    void demoRunsTheWholeSampleAndASecondDemoLoadsNothingAgain() {
        // the slowest test of the suite (the whole 2023 sample, twice): it is what a new user runs first
        String inbox = dir.resolve("inbox").toString();
        CliRun demo = cli("demo", "--inbox", inbox);
        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
        List<String> lines = demo.out().lines().toList();
        // 11 stats periods (1-2月 … 1-12月; January is never published alone) × by region and by sector
        // = 22, plus 12 project and 12 bond months = 46 files
        assertThat(lines).anyMatch(l -> l.startsWith("1. sample: 46 files written to "));
        // the sample's planted bad rows are reported with row, column and reason, and quarantined
        // (the 1-4月 by-region workbook titles its region column 单位, one of the sample's header variants)
        assertThat(demo.out()).contains("2023年1-4月各县市区固定资产投资.xlsx 第17行 单位: 「东城区」不是衡水市的县市区");
        // the city and its 13 units (config/city.yaml), the last month of the year
        int ranking = lines.indexOf("Latest period 2023-12 — FAI growth ranking of the 13 units of 衡水市 (累计增速 vs 目标):");
        assertThat(ranking).as(demo.out()).isNotNegative();
        // 13 ranked lines and the 全市 line (rank —) follow, then the drop alerts with 2023.yaml's thresholds
        assertThat(lines.get(ranking + 1)).matches("\\s+1 .*");
        assertThat(lines.get(ranking + 14)).matches("\\s+— 全市.*");
        assertThat(lines.get(ranking + 15))
                .startsWith("Drop alerts (回落预警: fell ≥3 points in a month, or ≥3 points under target): ");
        assertThat(demo.out()).contains("Dispatch list 2023-12 (月调度, total investment ≥ 5000万): ");
        // the June and December bulletins, each a page and a workbook that exist where the demo says
        for (String title : List.of("2023年1-6月全市抓投资上项目工作通报", "2023年1-12月全市抓投资上项目工作通报")) {
            int at = lines.indexOf("  " + title);
            assertThat(at).as(demo.out()).isPositive();
            assertThat(Path.of(lines.get(at + 1).strip())).exists().hasExtension("html");
            assertThat(Path.of(lines.get(at + 2).strip())).exists().hasExtension("xlsx");
        }

        // the sample's figures add up: its planted bad rows are refused at load, so no consistency check fires
        // (each check's firing is ConsistencyChecksTest's)
        CliRun checks = cli("sql", "SELECT count(*) AS n FROM gold.consistency_checks", "--format", "csv");
        assertThat(checks.code()).as(checks.err()).isZero();
        assertThat(checks.out().lines().toList()).containsExactly("n", "0");

        // the same arguments write the same bytes, so a second demo finds every file already loaded
        CliRun again = cli("demo", "--inbox", inbox);
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out())
                .contains("46 files: 0 rows read, 0 loaded, 0 warned, 0 quarantined; "
                        + "0 files rejected, 46 already loaded");
    }

    @Test
    void badRowsExitWithOneAndSayWhere() throws IOException {
        Path file = org.investlake.TestFiles.utf8(
                dir.resolve("in"),
                "2023年1-4月各县市区固定资产投资.csv",
                "2023年1-4月各县市区固定资产投资完成情况",
                "县市区,累计增速(%)",
                "桃城区,7.9",
                "东城区,5.0");
        CliRun load = cli("load", file.toString());
        assertThat(load.code()).isEqualTo(Main.REJECTED);
        assertThat(load.out())
                .contains("第4行 县市区: 「东城区」不是衡水市的县市区")
                .contains("read 2, loaded 1, warned 0, quarantined 1");

        CliRun history = cli("sql", "DESCRIBE HISTORY silver.stats", "--format", "csv");
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("MERGE");
    }

    @Test
    void usageErrorsExitWithTwoAndEveryCommandHasHelp() {
        assertThat(cli("load").code()).isEqualTo(Main.USAGE);
        assertThat(cli("no-such-command").code()).isEqualTo(Main.USAGE);
        for (String command : List.of("demo", "sample", "load", "build", "run", "sql", "bulletin")) {
            CliRun help = cli(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: investlake " + command);
        }
    }

    @Test
    void aBadQueryIsOneLineNotAStackTrace() {
        CliRun r = cli("sql", "SELECT * FROM gold.no_such_table");
        assertThat(r.code()).isEqualTo(Main.REJECTED);
        assertThat(r.err()).startsWith("investlake: SQL error:").doesNotContain("\tat ");
    }
}
