package org.investlake.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
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
 *
 * <p>At {@link SampleScale#PROVINCE} and {@link SampleScale#NATION} it writes a synthetic profile of
 * its own and plain CSV and Parquet exports instead ({@link ScaledSample}; docs/sample-scales.md).
 */
public final class SampleGenerator {
    private final int year;
    private SampleScale scale = SampleScale.CITY;
    private SampleSize size;
    private ReferenceData reference;
    private int firstMonth = 1;
    private int lastMonth = 12;
    private Consumer<Path> written = f -> {};

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

    /**
     * The units and projects of a PROVINCE or NATION sample, {@link SampleScale#defaultSize()} unless
     * set (tests write smaller ones); ignored at CITY scale.
     */
    public SampleGenerator size(SampleSize size) {
        this.size = Objects.requireNonNull(size, "size");
        return this;
    }

    /**
     * Writes only the exports of months {@code first} … {@code last} (statistics: the periods 1-{@code m}月
     * among them); every month unless set. PROVINCE and NATION only: each of their months is drawn
     * on its own, so any month comes out the same whichever others are written.
     */
    public SampleGenerator months(int first, int last) {
        if (first < 1 || last > 12 || first > last) {
            throw new IllegalArgumentException("months must be within 1..12: " + first + ".." + last);
        }
        this.firstMonth = first;
        this.lastMonth = last;
        return this;
    }

    /** Told of every file as soon as it is written (a large sample takes minutes). */
    public SampleGenerator onWritten(Consumer<Path> listener) {
        this.written = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * The city to write a CITY sample of, or the template whose sectors, sector targets and rule
     * thresholds a PROVINCE or NATION profile takes; {@link ReferenceData#bundled()} unless set.
     */
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
        if (scale.hasOwnProfile()) {
            try {
                return new ScaledSample(
                                year,
                                scale,
                                size != null ? size : scale.defaultSize(),
                                ref,
                                firstMonth,
                                lastMonth,
                                written)
                        .writeTo(outDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the sample into " + outDir + ": " + e.getMessage(), e);
            }
        }
        if (firstMonth != 1 || lastMonth != 12) {
            throw new IllegalArgumentException("the city sample is written for the whole year (its story spans it)");
        }
        YearTargets targets = ref.targets(year)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no targets for " + year + " in the reference data (config/targets/" + year + ".yaml)"));
        RegionSeries regions = new RegionSeries(ref, targets, random(year, "stats-regions"));
        SectorSeries sectors = new SectorSeries(ref, targets, regions, random(year, "stats-sectors"));
        StatsWriter stats = new StatsWriter(year, ref, regions, sectors, targets.sectorGrowthPct());
        // Projects and bonds draw their codes from one issuer so no code is used twice in the sample.
        ProjectCodes codes = new ProjectCodes(random(year, "codes-" + scale));
        ProjectPortfolio projects = new ProjectPortfolio(
                year, ref, targets, codes, random(year, "projects-" + scale), regions.laggard(), regions.collapsing());
        BondPortfolio bonds = new BondPortfolio(year, ref, targets, codes, random(year, "bonds-" + scale));
        try {
            List<Path> statsFiles = stats.write(outDir.resolve("stats"));
            List<Path> projectFiles = new ProjectWriter(year, projects, scale).write(outDir.resolve("projects"));
            List<Path> bondFiles = new BondWriter(year, bonds, scale).write(outDir.resolve("bonds"));
            List<Path> files = new ArrayList<>(statsFiles);
            files.addAll(projectFiles);
            files.addAll(bondFiles);
            List<String> story = new Story(ref, targets).tell(regions, stats, projects, bonds);
            files.forEach(written);
            return new SampleSummary(files, statsFiles.size(), projectFiles.size(), bondFiles.size(), story, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** One stream per part, so changing how one part draws leaves the others' numbers as they were. */
    static Random random(int year, String part) {
        long seed = 0x1A2B3C4DL * year;
        for (char c : part.toCharArray()) {
            seed = seed * 31 + c;
        }
        return new Random(seed);
    }
}
