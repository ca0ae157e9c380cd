package org.investlake.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report a person reads: each figure, its value, the target of docs/performance.md and whether it is met. */
public final class BenchTable {
    private BenchTable() {}

    private record Line(String figure, String value, String target, String met) {}

    /** "1: 20.1 s, 2: 21.0 s, … (last / second: 1.04×)": month 1 builds every table, so the growth is from 2 on. */
    static String monthly(List<Double> seconds) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < seconds.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(s(seconds.get(i)));
        }
        if (seconds.size() >= 3) {
            b.append(String.format(
                    Locale.ROOT, " (last / second: %.2f×)", seconds.get(seconds.size() - 1) / seconds.get(1)));
        }
        return b.toString();
    }

    public static void print(BenchReport r, PrintWriter out) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(
                "rows loaded (silver)",
                String.format(
                        Locale.ROOT, "%,d (%s; %,.0f rows/s per core)", r.rows(), r.format(), r.rowsPerSecondPerCore()),
                "",
                ""));
        boolean nation = r.scale().equals("nation");
        lines.add(new Line(
                r.months() == 12 ? "full year: load + gold" : "months 1-" + r.months() + ": load + gold",
                String.format(
                        Locale.ROOT,
                        "%s (load %s, gold %s)",
                        s(r.fullSeconds()),
                        s(r.loadSeconds()),
                        s(r.goldSeconds())),
                "nation < 600 s",
                nation && r.months() == 12 ? met(r.fullSeconds() < 600) : "n/a (nation, 12 months)"));
        lines.add(new Line(
                "one month on top of " + (r.months() - 1),
                String.format(
                        Locale.ROOT, "%s = %.1f %% of full", s(r.incrementalSeconds()), 100 * r.incrementalRatio()),
                "< 15 % of full",
                met(r.incrementalRatio() < 0.15)));
        lines.add(new Line("each month on top of the ones before", monthly(r.monthlySeconds()), "flat", ""));
        lines.add(new Line(
                "gold vs DuckDB",
                String.format(
                        Locale.ROOT, "%s vs %s = %.1f×", s(r.goldSeconds()), s(r.duckdbSeconds()), r.duckdbRatio()),
                "≤ 3×",
                met(r.duckdbRatio() <= 3)));
        lines.add(new Line(
                "peak heap used",
                String.format(
                        Locale.ROOT,
                        "%,d MB of %,d MB",
                        r.peakHeapMb(),
                        r.machine().maxHeapMb()),
                "nation: default heap",
                ""));
        lines.add(new Line(
                "demo (own process)",
                r.demoSeconds() == null ? "not run" : s(r.demoSeconds()),
                "< 60 s",
                r.demoSeconds() == null ? "" : met(r.demoSeconds() < 60)));
        boolean oneFile = r.oneFileLoadSeconds() != null && r.select1Seconds() != null;
        lines.add(new Line(
                "load one small file vs sql SELECT 1",
                oneFile
                        ? String.format(
                                Locale.ROOT,
                                "%s vs %s = %.1f×",
                                s(r.oneFileLoadSeconds()),
                                s(r.select1Seconds()),
                                r.oneFileLoadSeconds() / r.select1Seconds())
                        : "not run",
                "< 2×",
                oneFile ? met(r.oneFileLoadSeconds() < 2 * r.select1Seconds()) : ""));

        int[] w = {6, 5, 6};
        for (Line l : lines) {
            w[0] = Math.max(w[0], width(l.figure()));
            w[1] = Math.max(w[1], width(l.value()));
            w[2] = Math.max(w[2], width(l.target()));
        }
        out.printf(
                "bench %s, %s: %d cores, max heap %,d MB, Java %s%n",
                r.scale(),
                r.date(),
                r.machine().cores(),
                r.machine().maxHeapMb(),
                r.machine().java());
        row(out, w, "figure", "value", "target", "met");
        row(out, w, "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]), "---");
        lines.forEach(l -> row(out, w, l.figure(), l.value(), l.target(), l.met()));
        out.println("marts (rows in Spark's gold / DuckDB's result):");
        r.marts()
                .forEach((mart, rows) -> out.printf(
                        "  %-22s %,8d / %,8d%s%n",
                        mart, rows.spark(), rows.duckdb(), rows.spark() == rows.duckdb() ? "" : "  ← differ"));
        out.flush();
    }

    private static void row(PrintWriter out, int[] w, String a, String b, String c, String d) {
        out.println(pad(a, w[0]) + "  " + pad(b, w[1]) + "  " + pad(c, w[2]) + "  " + d);
    }

    private static String s(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String met(boolean met) {
        return met ? "yes" : "no";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    /** Terminal columns: a CJK character or × counts as one here, which is how most terminals show these. */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
