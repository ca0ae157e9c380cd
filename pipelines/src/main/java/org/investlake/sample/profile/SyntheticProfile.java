package org.investlake.sample.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * A made-up province or country as reference data: the total row, the county-level units with
 * distinct codes, names and aliases, one unranked row, the template city's sectors, and one year's
 * targets. {@link ProfileFiles} writes it in the format of {@code config/}.
 *
 * @param name what the profile is called (示例省)
 * @param regions the total first, then the units in code order, then the unranked row
 */
public record SyntheticProfile(String name, List<Region> regions, List<Sector> sectors, YearTargets targets) {
    /** Share of dispatched projects that are key projects (省市重点), as in the template city. */
    public static final double KEY_PROJECT_SHARE = 0.72;

    public SyntheticProfile {
        regions = List.copyOf(regions);
        sectors = List.copyOf(sectors);
    }

    /**
     * Draws the profile of {@code shape} for {@code year} with the sectors, sector targets and rule
     * thresholds of {@code template} (which must have targets for the year); the same arguments
     * give the same profile.
     */
    public static SyntheticProfile draw(ProfileShape shape, ReferenceData template, int year, int projectsPerMonth) {
        YearTargets templateTargets = template.targets(year)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the template reference data (" + template.city() + ") has no targets for " + year));
        Random rnd = new Random(
                0x5EED_0000L + 31L * year + shape.units() + shape.name().hashCode());
        Region total = new Region(shape.totalCode(), shape.totalName(), Region.Kind.CITY, shape.totalAliases());
        Region other = new Region(
                shape.otherCode(),
                shape.otherName(),
                Region.Kind.OTHER,
                List.of(shape.otherName().replace("本级", "直属")));
        List<String> stems = UnitNames.stems(shape.units(), rnd.nextLong());
        List<DivisionCodes.Slot> slots = DivisionCodes.spread(shape.provinces(), shape.units());
        List<Region> units = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            DivisionCodes.Slot s = slots.get(i);
            units.add(new Region(s.code(), stems.get(i) + s.suffix(), Region.Kind.UNIT, List.of(stems.get(i))));
        }
        double totalGrowth =
                templateTargets.faiGrowthPct().get(template.cityTotal().code());
        YearTargets targets =
                TargetsDraft.draft(shape, units, total, other, templateTargets, totalGrowth, projectsPerMonth, rnd);
        List<Region> regions = new ArrayList<>();
        regions.add(total);
        regions.addAll(units);
        regions.add(other);
        return new SyntheticProfile(shape.name(), regions, template.sectors(), targets);
    }
}
