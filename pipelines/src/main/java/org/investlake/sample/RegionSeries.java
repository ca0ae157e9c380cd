package org.investlake.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;

/**
 * Year-to-date investment of each ranked unit for every published period (1-2月 … 1-12月), with the
 * story planted: one unit collapses mid-year, one stays at the bottom, the rest move about their
 * targets and the city ends near its own. Amounts are whole tenths of 万元; a growth is always the
 * one the printed amounts give, except on the few rows where the bureau's comparable basis differs.
 */
final class RegionSeries {
    static final int FIRST = 2;
    static final int LAST = 12;

    /** One unit in one period. Growth in tenths of a percent. */
    record Cell(long ytd, long prev, int computed, int reported) {}

    /** A row whose reported (comparable-basis) growth differs from its amounts. */
    record Comparable(int month, Region region, int computed, int reported) {}

    // Share of the prior year's annual investment reached by the end of each month: slow winter,
    // the spring start, the June peak before the rainy season, the year-end push.
    private static final double[] PREV_SHARE = {
        0, 0.035, 0.095, 0.19, 0.285, 0.385, 0.515, 0.595, 0.675, 0.77, 0.86, 0.935, 1.0
    };
    // The collapsing unit: on target (offsets) through 1-5月, then absolute growth from 1-6月.
    private static final double[] COLLAPSE_EARLY = {0.4, 0.1, -0.2, 0.2};
    private static final double[] COLLAPSE_LATE = {1.0, -4.1, -4.6, -3.8, -3.2, -2.7, -2.1};
    // The laggard: this many points under its target, 1-2月 … 1-12月.
    private static final double[] LAGGARD_UNDER = {0.9, 2.4, 2.7, 2.2, 2.5, 2.1, 2.3, 2.0, 2.2, 1.7, 1.4};
    // The city total's course around its target: dips when the collapse shows, ends on target.
    private static final double[] CITY_PATH = {-0.6, -0.3, -0.1, 0.1, -0.4, -0.6, -0.5, -0.3, -0.2, -0.1, 0.0};
    private static final double BAND = 1.5;

    private final List<Region> units;
    private final Region collapsing;
    private final Region laggard;
    private final Cell[][] cells = new Cell[LAST + 1][];
    private final Cell[] totals = new Cell[LAST + 1];
    private final List<Comparable> comparables = new ArrayList<>();

    RegionSeries(ReferenceData ref, YearTargets targets, Random rnd) {
        units = ref.rankedUnits();
        collapsing = storyUnit(ref, "武邑县", 3);
        laggard = storyUnit(ref, "饶阳县", 6);
        Map<String, Double> growthTargets = targets.faiGrowthPct();
        Map<String, Double> keyTargets = targets.keyProjects().completedYi();
        double cityTarget = growthTargets.get(ref.cityTotal().code());
        int n = units.size();

        // Last year's level follows the size of each unit's key-project programme plus a floor every
        // county has (housing, small industry), in tenths of 万元.
        long[] annualPrev = new long[n];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            Region r = units.get(i);
            double keyYi = keyTargets.getOrDefault(r.code(), 20.0);
            annualPrev[i] = Math.round((40 + 2.8 * keyYi) * (0.9 + 0.2 * rnd.nextDouble()) * 100_000);
            target[i] = growthTargets.getOrDefault(r.code(), cityTarget);
        }
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            offset[i] = clamp(rnd.nextGaussian() * 0.5, 1.0);
        }
        for (int m = FIRST; m <= LAST; m++) {
            long[] prev = new long[n];
            double[] growth = new double[n];
            double storyWeighted = 0;
            long storyPrev = 0;
            long regularPrev = 0;
            double regularWeighted = 0;
            for (int i = 0; i < n; i++) {
                double share = PREV_SHARE[m] * (m == LAST ? 1 : 1 + rnd.nextGaussian() * 0.006);
                prev[i] = Math.round(annualPrev[i] * share);
                offset[i] = clamp(offset[i] + rnd.nextGaussian() * 0.3, 1.0);
                Region r = units.get(i);
                if (r.equals(collapsing)) {
                    growth[i] = m <= 5 ? target[i] + COLLAPSE_EARLY[m - FIRST] : COLLAPSE_LATE[m - 6];
                } else if (r.equals(laggard)) {
                    growth[i] = target[i] - LAGGARD_UNDER[m - FIRST];
                } else {
                    growth[i] = target[i] + offset[i];
                    regularPrev += prev[i];
                    regularWeighted += prev[i] * growth[i];
                    continue;
                }
                storyPrev += prev[i];
                storyWeighted += prev[i] * growth[i];
            }
            // One common shift of the regular units puts the city total on its course; the band then
            // keeps every regular unit within reach of its own target.
            double wanted = cityTarget + CITY_PATH[m - FIRST];
            double shift = (wanted * (storyPrev + regularPrev) - storyWeighted - regularWeighted) / regularPrev;
            Cell[] row = new Cell[n];
            for (int i = 0; i < n; i++) {
                Region r = units.get(i);
                if (!r.equals(collapsing) && !r.equals(laggard)) {
                    growth[i] = target[i] + clamp(growth[i] - target[i] + shift, BAND - 0.1);
                }
                row[i] = cell(prev[i], growth[i]);
            }
            cells[m] = row;
        }
        keepLaggardAtBottom();
        plantComparables();
        for (int m = FIRST; m <= LAST; m++) {
            long ytd = 0;
            long prev = 0;
            for (Cell c : cells[m]) {
                ytd += c.ytd();
                prev += c.prev();
            }
            int g = ExportText.growthTenths(ytd, prev);
            totals[m] = new Cell(ytd, prev, g, g);
        }
        checkCumulative();
    }

    List<Region> units() {
        return units;
    }

    Region collapsing() {
        return collapsing;
    }

    Region laggard() {
        return laggard;
    }

    /** The units' cells of period 1-{@code month}月, in the order of {@link #units()}. */
    List<Cell> cells(int month) {
        return Arrays.asList(cells[month]);
    }

    Cell cell(int month, Region r) {
        return cells[month][units.indexOf(r)];
    }

    /** The 合计 row: the sums of the units, growth from the sums. */
    Cell total(int month) {
        return totals[month];
    }

    List<Comparable> comparables() {
        return List.copyOf(comparables);
    }

    /** 1-based rank of a unit by reported growth (1 = highest; equal values share a rank). */
    int rank(int month, Region r) {
        int mine = cell(month, r).reported();
        int higher = 0;
        for (Cell c : cells[month]) {
            if (c.reported() > mine) {
                higher++;
            }
        }
        return higher + 1;
    }

    private static Region storyUnit(ReferenceData ref, String name, int fallbackIndex) {
        List<Region> units = ref.rankedUnits();
        return ref.region(name)
                .filter(Region::isRankedUnit)
                .orElse(units.get(Math.min(fallbackIndex, units.size() - 1)));
    }

    private static Cell cell(long prev, double growthPct) {
        long ytd = Math.round(prev * (1 + growthPct / 100));
        int g = ExportText.growthTenths(ytd, prev);
        return new Cell(ytd, prev, g, g);
    }

    /** Where another city's targets would let a regular unit sink under the laggard, lift the laggard's fall. */
    private void keepLaggardAtBottom() {
        int li = units.indexOf(laggard);
        for (int m = 3; m <= 10; m++) {
            int[] others = new int[units.size() - 1];
            int k = 0;
            for (int i = 0; i < units.size(); i++) {
                if (i != li) {
                    others[k++] = cells[m][i].reported();
                }
            }
            Arrays.sort(others);
            Cell c = cells[m][li];
            if (c.reported() >= others[2]) {
                cells[m][li] = cell(c.prev(), (others[2] - 3) / 10.0);
            }
        }
    }

    /**
     * Twice a year the fastest-growing unit's (a different one each time) published growth is on the bureau's comparable basis
     * (a revised base), 0.3 above and 0.4 under what its amounts give: the loader must keep the
     * reported figure and warn.
     */
    private void plantComparables() {
        int[][] plan = {{3, 3}, {9, -4}};
        List<Region> used = new ArrayList<>(List.of(collapsing, laggard));
        for (int[] p : plan) {
            int m = p[0];
            int best = -1;
            for (int i = 0; i < units.size(); i++) {
                if (used.contains(units.get(i))) {
                    continue;
                }
                if (best < 0 || cells[m][i].computed() > cells[m][best].computed()) {
                    best = i;
                }
            }
            used.add(units.get(best));
            Cell c = cells[m][best];
            cells[m][best] = new Cell(c.ytd(), c.prev(), c.computed(), c.computed() + p[1]);
            comparables.add(new Comparable(m, units.get(best), c.computed(), c.computed() + p[1]));
        }
    }

    private void checkCumulative() {
        for (int i = 0; i < units.size(); i++) {
            for (int m = FIRST + 1; m <= LAST; m++) {
                if (cells[m][i].ytd() <= cells[m - 1][i].ytd() || cells[m][i].prev() <= cells[m - 1][i].prev()) {
                    throw new IllegalStateException(
                            "sample statistics of " + units.get(i).name() + " are not cumulative at month " + m);
                }
            }
        }
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
