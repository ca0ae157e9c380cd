package org.investlake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;

/**
 * Tells, in a few lines, what is planted in a sample: read off the generated numbers (never restated
 * from constants), so the lines stay true if the generator changes, and the marts can be checked
 * against them.
 */
final class Story {
    private static final int LIST_LIMIT = 8;

    private final ReferenceData ref;
    private final YearTargets targets;

    Story(ReferenceData ref, YearTargets targets) {
        this.ref = ref;
        this.targets = targets;
    }

    List<String> tell(RegionSeries regions, StatsWriter stats, ProjectPortfolio projects, BondPortfolio bonds) {
        List<String> lines = new ArrayList<>();
        statistics(lines, regions, stats);
        projects(lines, projects);
        bonds(lines, bonds);
        return lines;
    }

    private void statistics(List<String> lines, RegionSeries s, StatsWriter stats) {
        Region c = s.collapsing();
        double target = targets.faiGrowthPct().get(c.code());
        StringBuilder b = new StringBuilder("stats: " + c.name() + " (target " + target + "%) ");
        b.append("1-5月 ").append(pct(s.cell(5, c).reported()));
        for (int m = 6; m <= 7; m++) {
            b.append(", 1-").append(m).append("月 ").append(pct(s.cell(m, c).reported()));
        }
        b.append(", still ")
                .append(pct(s.cell(12, c).reported()))
                .append(" in 1-12月; drop_alert periods: ")
                .append(dropAlerts(s, c));
        lines.add(b.toString());

        Region l = s.laggard();
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int m = 3; m <= 10; m++) {
            low = Math.min(low, s.cell(m, l).reported());
            high = Math.max(high, s.cell(m, l).reported());
        }
        lines.add("stats: " + l.name() + " is in the bottom three from 1-3月 to 1-10月 (" + pct(low) + " to "
                + pct(high) + "); interview_flag (bottom " + bottomN() + " for " + streak() + " periods): "
                + interviewFlags(s));
        Region city = ref.cityTotal();
        lines.add("stats: " + city.name() + " 1-12月 growth " + pct(s.total(12).reported()) + " (target "
                + targets.faiGrowthPct().get(city.code()) + "%); every 合计 row is the sum of the "
                + s.units().size() + " units");
        lines.add("stats: comparable-basis growth differing from the amounts (load with a warning): "
                + s.comparables().stream()
                        .map(x -> "1-" + x.month() + "月 " + x.region().name() + " reported " + pct(x.reported())
                                + " vs " + pct(x.computed()) + " from amounts")
                        .collect(Collectors.joining("; ")));
        lines.add("stats bad rows (2): 1-" + StatsWriter.FOREIGN_ROW_MONTH + "月 by-region has "
                + StatsWriter.FOREIGN_REGION + " (not a region of " + ref.city() + "); 1-" + StatsWriter.PENDING_MONTH
                + "月 by-region growth of " + stats.pendingUnit().name() + " is " + StatsWriter.PENDING);
    }

    private void projects(List<String> lines, ProjectPortfolio portfolio) {
        List<Project> all = portfolio.projects();
        long provincial =
                all.stream().filter(p -> p.level == Project.Level.PROVINCIAL).count();
        long city = all.stream().filter(p -> p.level == Project.Level.CITY).count();
        long newTotal = all.stream()
                .filter(p -> p.level.isKey() && p.nature == Project.Nature.NEW)
                .mapToLong(p -> p.totalWan)
                .sum();
        long newDone = all.stream()
                        .filter(p -> p.nature == Project.Nature.NEW)
                        .mapToLong(p -> p.completedTenths[12])
                        .sum()
                / 10;
        List<Project> promoted = all.stream().filter(p -> p.promoted).toList();
        lines.add("projects: " + (provincial + city) + " key (" + provincial + " 省重点, " + city + " 市重点; target "
                + targets.keyProjects().count() + "+) and " + (all.size() - provincial - city) + " 一般; 新开工 key total "
                + yi(newTotal) + " (target " + targets.newStart().totalInvestmentYi() + "亿), 新开工 completed by 12月 "
                + yi(newDone) + " (target " + targets.newStart().completedYi() + "亿); " + promoted.size()
                + " promoted to private capital, "
                + yi(promoted.stream().mapToLong(p -> p.totalWan).sum()) + " (target "
                + targets.privatePromotion().count() + " / "
                + targets.privatePromotion().totalInvestmentYi() + "亿)");

        Map<String, Double> keyTargets = targets.keyProjects().completedYi();
        StringBuilder b = new StringBuilder("projects: key-project completed by 12月: ");
        long cityDone = all.stream()
                        .filter(p -> p.level.isKey())
                        .mapToLong(p -> p.completedTenths[12])
                        .sum()
                / 10;
        b.append(ref.cityTotal().name())
                .append(' ')
                .append(yi(cityDone))
                .append(" vs ")
                .append(keyTargets.get(ref.cityTotal().code()))
                .append("亿");
        for (Region r : ref.regions()) {
            if (keyTargets.containsKey(r.code()) && !r.equals(ref.cityTotal())) {
                long done = all.stream()
                                .filter(p -> p.level.isKey() && p.region.equals(r))
                                .mapToLong(p -> p.completedTenths[12])
                                .sum()
                        / 10;
                b.append(", ")
                        .append(r.name())
                        .append(' ')
                        .append(Math.round(done / (keyTargets.get(r.code()) * 100)))
                        .append('%');
            }
        }
        lines.add(b.append(" of target").toString());

        List<Project> late =
                all.stream().filter(p -> p.late && p.actualStart != null).toList();
        List<Project> never =
                all.stream().filter(p -> p.late && p.actualStart == null).toList();
        lines.add("projects: " + late.size() + " late to start (planned → actual): "
                + list(late.stream()
                        .map(p -> p.code + " " + p.region.name() + " " + p.plannedStart + "→" + p.actualStart)
                        .toList()));
        lines.add("projects: " + never.size() + " never start in the year (planned): "
                + list(never.stream()
                        .map(p -> p.code + " " + p.region.name() + " " + p.plannedStart)
                        .toList()));
        Project o = portfolio.overrun;
        lines.add("projects bad rows (3): " + ProjectPortfolio.BAD_CODE_MONTH + "月 code " + portfolio.badCode.code
                + " written without its last digit; " + ProjectPortfolio.OVERRUN_MONTH + "月 " + o.code
                + " completed " + ExportText.tenths(o.completedTenths[ProjectPortfolio.OVERRUN_MONTH] * 10)
                + " above its total " + o.totalWan + "; " + ProjectPortfolio.UNKNOWN_SECTOR_MONTH + "月 "
                + portfolio.unknownSector.code + " sector " + ProjectPortfolio.UNKNOWN_SECTOR);
    }

    private void bonds(List<String> lines, BondPortfolio portfolio) {
        List<BondPortfolio.Bond> all = portfolio.bonds();
        long amount = all.stream().mapToLong(b -> b.amountWan).sum();
        long startedByJune =
                all.stream().filter(b -> b.startedBy(6) && b.issueMonth() <= 6).count();
        long issuedByJune = all.stream().filter(b -> b.issueMonth() <= 6).count();
        long never = all.stream().filter(b -> b.startMonth > 12).count();
        BondPortfolio.Bond o = portfolio.overspent;
        long batches = all.stream().mapToInt(b -> b.batch).distinct().count();
        lines.add("bonds: " + all.size() + " projects, " + yi(amount) + " issued in " + batches + " batches; "
                + startedByJune + " of "
                + issuedByJune + " issued by 6月 have started; " + never + " never start; bad row (1): "
                + BondPortfolio.OVERSPENT_MONTH + "月 " + o.code + " spent above its bond of " + o.amountWan + "万");
    }

    private String dropAlerts(RegionSeries s, Region r) {
        YearTargets.DropAlert rule = targets.rules().dropAlert();
        double target = targets.faiGrowthPct().get(r.code());
        List<String> months = new ArrayList<>();
        for (int m = RegionSeries.FIRST; m <= RegionSeries.LAST; m++) {
            int g = s.cell(m, r).reported();
            boolean fell = m > RegionSeries.FIRST && s.cell(m - 1, r).reported() - g >= rule.fallPp() * 10;
            if (fell || target * 10 - g >= rule.underTargetPp() * 10) {
                months.add("1-" + m + "月");
            }
        }
        return String.join(", ", months);
    }

    private String interviewFlags(RegionSeries s) {
        List<String> flags = new ArrayList<>();
        int n = s.units().size();
        for (Region r : s.units()) {
            int run = 0;
            for (int m = RegionSeries.FIRST; m <= RegionSeries.LAST; m++) {
                run = s.rank(m, r) > n - bottomN() ? run + 1 : 0;
                if (run == streak()) {
                    flags.add(r.name() + " from 1-" + m + "月");
                    break;
                }
            }
        }
        return String.join(", ", flags);
    }

    private int bottomN() {
        return targets.rules().scorecard().bottomN();
    }

    private int streak() {
        return targets.rules().scorecard().streak();
    }

    private static String pct(int tenths) {
        return ExportText.tenths(tenths) + "%";
    }

    private static String yi(long wan) {
        return ExportText.tenths(Math.round(wan / 1000.0)) + "亿";
    }

    private static String list(List<String> items) {
        if (items.size() <= LIST_LIMIT) {
            return String.join("; ", items);
        }
        return String.join("; ", items.subList(0, LIST_LIMIT)) + "; … (" + (items.size() - LIST_LIMIT) + " more)";
    }
}
