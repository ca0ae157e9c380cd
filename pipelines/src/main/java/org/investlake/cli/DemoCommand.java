package org.investlake.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.investlake.reference.YearTargets;
import org.investlake.sample.SampleScale;
import org.investlake.sample.SampleSummary;
import org.investlake.storage.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Write the 2023 sample exports, run the whole pipeline, and show what came out.",
        description =
                "Writes the sample into the inbox folder, loads it into the warehouse (default ./warehouse), "
                        + "builds the marts, and prints the latest ranking, the drop alerts and where to look next. "
                        + "The sample carries a few bad rows on purpose: they are reported and quarantined, and demo still exits 0.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--inbox",
            paramLabel = "DIR",
            defaultValue = "inbox",
            description = "Where the sample exports go. Default: ${DEFAULT-VALUE}.")
    Path inbox;

    @Override
    public Integer call() throws Exception {
        Instant start = Instant.now();
        PrintWriter out = main.spec().commandLine().getOut();
        SampleSummary sample = SampleCommand.write(main, 2023, SampleScale.CITY, inbox);
        out.printf("1. sample: %d files written to %s%n", sample.files().size(), inbox.toAbsolutePath());
        out.flush();
        Warehouse w = Sessions.open(main);
        out.println("2. load and build:");
        try (var lock = org.investlake.storage.WarehouseLock.acquire(
                w, "demo", main.spec().commandLine().getErr())) {
            RunCommand.run(w, inbox, out);
        }
        out.println();
        summary(w, out);
        out.println();
        out.println("3. bulletins (月通报):");
        for (String period : List.of("2023-06", "2023-12")) {
            org.investlake.report.Bulletins.Written b =
                    org.investlake.report.Bulletins.write(w, period, org.investlake.report.Bulletins.defaultFolder(w));
            out.printf("  %s%n    %s%n    %s%n", b.title(), b.html(), b.xlsx());
        }
        out.printf(
                "%nDone in %d s. The warehouse is at %s%n",
                Duration.between(start, Instant.now()).toSeconds(), w.root());
        out.println("Next:");
        out.println("  bin/investlake sql \"SELECT * FROM gold.region_growth WHERE period = '2023-06' ORDER BY rank\"");
        out.println("  bin/investlake sql \"SELECT source_file, row_number, reason FROM ops.quarantine\"");
        out.println("  bin/investlake sql \"DESCRIBE HISTORY silver.stats\"");
        out.println("  bin/investlake bulletin --period 2023-09");
        out.flush();
        return Main.OK;
    }

    /** Pads to a terminal width, counting a Chinese character as two columns. */
    static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - ResultPrinter.displayWidth(s)));
    }

    private static void summary(Warehouse w, PrintWriter out) {
        if (!w.exists("gold", "region_growth")) {
            out.println("No gold.region_growth was built.");
            return;
        }
        String latest = w.spark()
                .sql("SELECT max(period) FROM gold.region_growth")
                .first()
                .getString(0);
        int year = Integer.parseInt(latest.substring(0, 4));
        // the thresholds quoted below are the year's (config/targets), as the marts used them
        YearTargets targets =
                w.reference().targets(year).orElseThrow(() -> new IllegalStateException("no targets file for " + year));
        YearTargets.Rules rules = targets.rules();
        out.println("Latest period " + latest + " — FAI growth ranking of the "
                + w.reference().rankedUnits().size() + " units of "
                + w.reference().city() + " (累计增速 vs 目标):");
        List<Row> rows = w.spark()
                .sql("SELECT rank, region_name, ytd_growth_pct, target_growth_pct, gap_pp, drop_alert "
                        + "FROM gold.region_growth WHERE period = '" + latest
                        + "' ORDER BY rank IS NULL, rank, region_code")
                .collectAsList();
        for (Row r : rows) {
            out.printf(
                    "  %3s %s %6s%%  (目标 %s%%, 差距 %s)%s%n",
                    r.isNullAt(0) ? "—" : r.get(0),
                    pad(r.getString(1), 10),
                    ResultPrinter.text(r.get(2)),
                    ResultPrinter.text(r.get(3)),
                    ResultPrinter.text(r.get(4)),
                    !r.isNullAt(5) && r.getBoolean(5) ? "  ⚠ 回落预警" : ""); // empty without growth
        }
        List<Row> alerts = w.spark()
                .sql("SELECT period, region_name, ytd_growth_pct, change_pp, gap_pp FROM gold.region_growth "
                        + "WHERE drop_alert AND rank IS NOT NULL ORDER BY period, region_code")
                .collectAsList();
        out.println("Drop alerts (回落预警: fell ≥" + num(rules.dropAlert().fallPp())
                + " points in a month, or ≥" + num(rules.dropAlert().underTargetPp())
                + " points under target): " + alerts.size());
        alerts.stream()
                .limit(12)
                .forEach(r -> out.printf(
                        "  %s %s growth %s%%, change %s, gap %s%n",
                        r.getString(0),
                        r.getString(1),
                        ResultPrinter.text(r.get(2)),
                        ResultPrinter.text(r.get(3)),
                        ResultPrinter.text(r.get(4))));
        if (alerts.size() > 12) {
            out.println("  … " + (alerts.size() - 12) + " more: SELECT * FROM gold.region_growth WHERE drop_alert");
        }
        scorecard(w, targets, out);
    }

    /** 3.0 → "3", 0.5 → "0.5": a threshold as a reader writes it. */
    static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void scorecard(Warehouse w, YearTargets targets, PrintWriter out) {
        int bottomN = targets.rules().scorecard().bottomN();
        int streak = targets.rules().scorecard().streak();
        if (!w.exists("gold", "region_scorecard") || !w.exists("gold", "project_watchlist")) {
            return;
        }
        String latest = w.spark()
                .sql("SELECT max(period) FROM gold.region_scorecard WHERE total_score IS NOT NULL")
                .first()
                .getString(0);
        if (latest == null) {
            return;
        }
        List<Row> ranked = w.spark()
                .sql("SELECT rank, region_name, total_score, reason FROM gold.region_scorecard " + "WHERE period = '"
                        + latest + "' AND rank IS NOT NULL ORDER BY rank, region_code")
                .collectAsList();
        out.println();
        out.println("Scorecard " + latest + " (综合评价, 100 points; weights in config/targets): top " + bottomN
                + " and bottom " + bottomN);
        for (int i = 0; i < ranked.size(); i++) {
            if (i < bottomN || i >= ranked.size() - bottomN) {
                Row r = ranked.get(i);
                out.printf(
                        "  %3s %s %6s  %s%n",
                        r.get(0), pad(r.getString(1), 10), ResultPrinter.text(r.get(2)), r.getString(3));
            } else if (i == bottomN) {
                out.println("  …");
            }
        }
        List<Row> interviews = w.spark()
                .sql("SELECT period, region_name, bottom_streak FROM gold.region_scorecard "
                        + "WHERE interview_flag ORDER BY period, region_code")
                .collectAsList();
        out.println("约谈 list (bottom " + bottomN + " for " + streak + " consecutive periods): "
                + (interviews.isEmpty()
                        ? "none"
                        : interviews.stream()
                                        .filter(r -> r.getString(0).equals(latest))
                                        .count() + " in " + latest));
        interviews.stream()
                .filter(r -> r.getString(0).equals(latest))
                .forEach(r -> out.printf(
                        "  %s %s — %d periods in the bottom %d%n",
                        r.getString(0), r.getString(1), r.getInt(2), bottomN));
        long earlier =
                interviews.stream().filter(r -> !r.getString(0).equals(latest)).count();
        if (earlier > 0) {
            out.println("  (and " + earlier
                    + " flags in earlier periods: SELECT * FROM gold.region_scorecard WHERE interview_flag)");
        }
        String month = w.spark()
                .sql("SELECT max(period) FROM gold.project_watchlist")
                .first()
                .getString(0);
        Row lights = w.spark()
                .sql("SELECT count_if(light = 'red'), count_if(light = 'yellow'), count(*), count_if(light = 'grey') "
                        + "FROM gold.project_watchlist WHERE period = '" + month + "'")
                .first();
        out.printf(
                "Dispatch list %s (月调度, total investment ≥ %s万): %d projects, %d red, %d yellow, %d grey (data missing)%n",
                month,
                num(targets.dispatch().minTotalInvestmentWan()),
                lights.getLong(2),
                lights.getLong(0),
                lights.getLong(1),
                lights.getLong(3));
    }
}
