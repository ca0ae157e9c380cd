package org.investlake.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.YearTargets;

/**
 * Writes a year of realistic sample exports of all three feeds into a folder:
 *
 * <pre>{@code
 * SampleSummary s = SampleGenerator.forYear(2023).scale(SampleScale.CITY)
 *     .reference(ReferenceData.bundled()).writeTo(Path.of("inbox"));
 * }</pre>
 *
 * <p>{@code stats/} holds 11 by-region and 11 by-sector tables (1-2月 … 1-12月), {@code projects/}
 * and {@code bonds/} one file per month. Every draw comes from a {@link Random} seeded from the year
 * and the part it draws (the statistics are the same at every scale), so the same call writes the
 * same content; every target comes from the year's targets file.
 */
public final class SampleGenerator {
    private final int year;
    private SampleScale scale = SampleScale.CITY;
    private ReferenceData reference;

    private SampleGenerator(int year) {
        this.year = year;
    }

    /** A generator for {@code year}; the reference data must hold that year's targets. */
    public static SampleGenerator forYear(int year) {
        return new SampleGenerator(year);
    }

    /** CITY unless set. */
    public SampleGenerator scale(SampleScale scale) {
        this.scale = Objects.requireNonNull(scale, "scale");
        return this;
    }

    /** {@link ReferenceData#bundled()} unless set. */
    public SampleGenerator reference(ReferenceData reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
        return this;
    }

    /**
     * Writes the sample under {@code outDir} (created if missing; files of the same names are
     * replaced) and says what it wrote.
     *
     * @throws IllegalArgumentException when the reference data has no targets for the year
     * @throws UncheckedIOException when a file cannot be written
     */
    public SampleSummary writeTo(Path outDir) {
        ReferenceData ref = reference != null ? reference : ReferenceData.bundled();
        YearTargets targets = ref.targets(year)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no targets for " + year + " in the reference data (config/targets/" + year + ".yaml)"));
        RegionSeries regions = new RegionSeries(ref, targets, random("stats-regions"));
        SectorSeries sectors = new SectorSeries(ref, targets, regions, random("stats-sectors"));
        StatsWriter stats = new StatsWriter(year, ref, regions, sectors, targets.sectorGrowthPct());
        // Projects and bonds draw their codes from one issuer so no code is used twice in the sample.
        ProjectCodes codes = new ProjectCodes(random("codes-" + scale));
        ProjectPortfolio projects = new ProjectPortfolio(
                year,
                ref,
                targets,
                scale.projectMultiplier(),
                codes,
                random("projects-" + scale),
                regions.laggard(),
                regions.collapsing());
        BondPortfolio bonds =
                new BondPortfolio(year, ref, targets, scale.projectMultiplier(), codes, random("bonds-" + scale));
        try {
            List<Path> statsFiles = stats.write(outDir.resolve("stats"));
            List<Path> projectFiles = new ProjectWriter(year, projects, scale).write(outDir.resolve("projects"));
            List<Path> bondFiles = new BondWriter(year, bonds, scale).write(outDir.resolve("bonds"));
            List<Path> files = new ArrayList<>(statsFiles);
            files.addAll(projectFiles);
            files.addAll(bondFiles);
            List<String> story = new Story(ref, targets).tell(regions, stats, projects, bonds);
            return new SampleSummary(files, statsFiles.size(), projectFiles.size(), bondFiles.size(), story);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** One stream per part, so changing how one part draws leaves the others' numbers as they were. */
    private Random random(String part) {
        long seed = 0x1A2B3C4DL * year;
        for (char c : part.toCharArray()) {
            seed = seed * 31 + c;
        }
        return new Random(seed);
    }
}
