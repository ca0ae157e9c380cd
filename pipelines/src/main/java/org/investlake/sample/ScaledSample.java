package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;
import org.investlake.sample.profile.ProfileFiles;
import org.investlake.sample.profile.SyntheticProfile;

/**
 * A PROVINCE or NATION sample: draws the synthetic profile and writes it under {@code out/profile},
 * reads it back as the warehouse will ({@link ReferenceData#load}), then writes the months' exports
 * of all three feeds to {@code out/csv} and {@code out/parquet}, one file at a time, row by row.
 */
final class ScaledSample {
    private final int year;
    private final SampleScale scale;
    private final SampleSize size;
    private final ReferenceData template;
    private final int firstMonth;
    private final int lastMonth;
    private final Consumer<Path> written;

    ScaledSample(
            int year,
            SampleScale scale,
            SampleSize size,
            ReferenceData template,
            int firstMonth,
            int lastMonth,
            Consumer<Path> written) {
        this.year = year;
        this.scale = scale;
        this.size = size;
        this.template = template;
        this.firstMonth = firstMonth;
        this.lastMonth = lastMonth;
        this.written = written;
    }

    SampleSummary writeTo(Path out) throws IOException {
        SyntheticProfile profile = SyntheticProfile.draw(scale.shape(size.units()), template, year, size.projects());
        Path cityFile = ProfileFiles.write(profile, out.resolve("profile"));
        written.accept(cityFile);
        ReferenceData ref = ReferenceData.load(cityFile);
        YearTargets targets = ref.targets(year).orElseThrow();
        RegionSeries regions = new RegionSeries(ref, targets, SampleGenerator.random(year, "stats-regions"));
        SectorSeries sectors = new SectorSeries(ref, targets, regions, SampleGenerator.random(year, "stats-sectors"));
        List<Region> units = ref.rankedUnits();
        double[] weights = weights(units, targets.keyProjects().completedYi());
        ProjectDraw projects = new ProjectDraw(
                year,
                ref,
                targets,
                new UnitBlocks(units, weights, size.projects()),
                SyntheticProfile.KEY_PROJECT_SHARE,
                regions.laggard(),
                regions.collapsing());
        BondDraw bonds = new BondDraw(year, ref, new UnitBlocks(units, weights, size.bonds()));

        PlatformStatsWriter stats = new PlatformStatsWriter(year, ref, regions, sectors);
        PlatformProjectWriter projectWriter = new PlatformProjectWriter(year, projects);
        PlatformBondWriter bondWriter = new PlatformBondWriter(year, bonds);
        List<Path> files = new ArrayList<>();
        int[] counts = new int[3];
        for (int m = firstMonth; m <= lastMonth; m++) {
            counts[0] += add(files, stats.write(out, m));
            counts[1] += add(files, projectWriter.write(out, m));
            counts[2] += add(files, bondWriter.write(out, m));
        }
        return new SampleSummary(files, counts[0], counts[1], counts[2], story(ref, targets), cityFile);
    }

    /** Units take projects by their key-project target, with a floor so the smallest have some too. */
    private static double[] weights(List<Region> units, Map<String, Double> keyTargets) {
        double mean = units.stream()
                .mapToDouble(u -> keyTargets.getOrDefault(u.code(), 1.0))
                .average()
                .orElse(1);
        return units.stream()
                .mapToDouble(u -> keyTargets.getOrDefault(u.code(), 1.0) + 0.3 * mean)
                .toArray();
    }

    private int add(List<Path> files, List<Path> more) {
        more.forEach(written);
        files.addAll(more);
        return more.size();
    }

    private List<String> story(ReferenceData ref, YearTargets targets) {
        Map<String, String> ph = ref.messagePlaceholders();
        return List.of(
                "profile: " + ref.city() + ", " + ph.get("units") + " county-level units (codes "
                        + ph.get("code_prefix")
                        + "), " + ref.sectors().size() + " sectors; key-project target "
                        + targets.keyProjects().count()
                        + ", completed "
                        + targets.keyProjects()
                                .completedYi()
                                .get(ref.cityTotal().code()) + "亿",
                "projects: " + size.projects() + " in every monthly export; bonds: " + size.bonds()
                        + " in the year, each month listing those issued by then",
                "stats: one row per unit and the total (" + ref.cityTotal().name()
                        + ") by region, one per sector by sector, 1-2月 … 1-12月",
                "months " + firstMonth + "-" + lastMonth
                        + " written as CSV (csv/) and Parquet (parquet/), the same rows in"
                        + " both; clean data, no bad rows planted");
    }
}
