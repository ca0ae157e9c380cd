package org.investlake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * The city's year-to-date investment by sector for every period. The all-sectors row is the city
 * total of {@link RegionSeries}, so the two tables of one month agree; each sector takes a steady
 * share of it and grows near its target. Breakdowns without a target (民间投资) follow the city.
 */
final class SectorSeries {
    /** One row: the sector, its amount (tenths of 万元), growth (tenths of a percent). */
    record Line(Sector sector, long ytd, int growth) {}

    // Rough shares of a Hebei prefecture's investment; a sector not listed gets the default.
    private static final Map<String, Double> SHARE = Map.ofEntries(
            Map.entry("agriculture", 0.04),
            Map.entry("industry", 0.38),
            Map.entry("industry_techrenov", 0.14),
            Map.entry("transport", 0.08),
            Map.entry("water", 0.03),
            Map.entry("energy", 0.07),
            Map.entry("municipal", 0.09),
            Map.entry("real_estate", 0.18),
            Map.entry("education", 0.02),
            Map.entry("culture_tourism", 0.03),
            Map.entry("health", 0.015),
            Map.entry("private", 0.55));
    private static final double DEFAULT_SHARE = 0.03;

    private final List<List<Line>> byMonth = new ArrayList<>();

    SectorSeries(ReferenceData ref, YearTargets targets, RegionSeries regions, Random rnd) {
        Map<String, Double> growthTargets = targets.sectorGrowthPct();
        List<Sector> sectors = new ArrayList<>();
        Sector all = null;
        for (Sector s : ref.sectors()) {
            if (Sector.ALL.equals(s.code())) {
                all = s;
            } else {
                sectors.add(s);
            }
        }
        if (all == null) {
            throw new IllegalStateException("config has no all-sectors entry (code " + Sector.ALL + ")");
        }
        double[] offset = new double[sectors.size()];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = rnd.nextGaussian() * 0.6;
        }
        for (int m = 0; m < RegionSeries.FIRST; m++) {
            byMonth.add(List.of());
        }
        for (int m = RegionSeries.FIRST; m <= RegionSeries.LAST; m++) {
            RegionSeries.Cell total = regions.total(m);
            List<Line> lines = new ArrayList<>();
            lines.add(new Line(all, total.ytd(), total.reported()));
            for (int i = 0; i < sectors.size(); i++) {
                Sector s = sectors.get(i);
                offset[i] = Math.max(-1.4, Math.min(1.4, offset[i] + rnd.nextGaussian() * 0.35));
                double share = SHARE.getOrDefault(s.code(), DEFAULT_SHARE) * (1 + rnd.nextGaussian() * 0.02);
                Double target = growthTargets.get(s.code());
                // A breakdown without a target (民间投资) runs a little under the city, as it did in 2023.
                double growth = (target != null ? target : total.reported() / 10.0 - 1.2) + offset[i];
                lines.add(new Line(s, Math.round(total.ytd() * share), (int) Math.round(growth * 10)));
            }
            byMonth.add(lines);
        }
    }

    /** The all-sectors row first, then every sector in config order. */
    List<Line> lines(int month) {
        return byMonth.get(month);
    }
}
