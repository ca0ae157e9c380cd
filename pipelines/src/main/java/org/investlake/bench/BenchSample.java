package org.investlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.investlake.reference.ReferenceData;
import org.investlake.sample.SampleGenerator;
import org.investlake.sample.SampleScale;
import org.investlake.sample.SampleSummary;

/**
 * The sample a bench loads: written once by {@link SampleGenerator}, with the reference data to load it with (the
 * given city at CITY scale, the synthetic profile the sample wrote otherwise) and its files split by month. The
 * city is loaded as {@code demo} loads it (its CSV and xlsx exports); a province or the nation from its Parquet
 * folder, the form a platform's bulk export takes.
 *
 * @param files every file to load, in the order {@code run --inbox} takes them
 * @param format what the files are: {@code csv+xlsx} or {@code parquet}
 */
record BenchSample(SampleScale scale, ReferenceData reference, List<Path> files, String format) {
    static BenchSample write(int year, SampleScale scale, ReferenceData city, Path dir) {
        SampleSummary summary =
                SampleGenerator.forYear(year).scale(scale).reference(city).writeTo(dir);
        if (!scale.hasOwnProfile()) {
            return new BenchSample(scale, city, inboxFiles(dir), "csv+xlsx");
        }
        return new BenchSample(
                scale, ReferenceData.load(summary.profile()), inboxFiles(dir.resolve("parquet")), "parquet");
    }

    /**
     * A sample written before by {@code sample --scale SCALE --out DIR} (a nation's takes minutes and 3 GB to write
     * again): the city's files in {@code dir}, or a larger scale's {@code parquet/} folder and the {@code
     * profile/city.yaml} it is loaded with.
     */
    static BenchSample existing(SampleScale scale, ReferenceData city, Path dir) {
        if (!scale.hasOwnProfile()) {
            return new BenchSample(scale, city, requireFiles(dir, dir), "csv+xlsx");
        }
        Path profile = dir.resolve("profile").resolve("city.yaml");
        if (!Files.isRegularFile(profile)) {
            throw new IllegalArgumentException(dir + " holds no " + scale.name().toLowerCase()
                    + " sample: profile/city.yaml is missing (write one with `sample --scale "
                    + scale.name().toLowerCase() + " --out " + dir + "`)");
        }
        return new BenchSample(
                scale, ReferenceData.load(profile), requireFiles(dir, dir.resolve("parquet")), "parquet");
    }

    private static List<Path> requireFiles(Path sample, Path folder) {
        List<Path> files = Files.isDirectory(folder) ? inboxFiles(folder) : List.of();
        if (files.isEmpty()) {
            throw new IllegalArgumentException(sample + " holds no sample: no files to load in " + folder);
        }
        return files;
    }

    /** The files of months {@code first} … {@code last}. */
    List<Path> months(int first, int last) {
        return files.stream()
                .filter(f -> {
                    int m = month(f);
                    return m >= first && m <= last;
                })
                .toList();
    }

    /** The month a sample file holds, from its name as the loader reads a title (2023年1-12月…, 2023年12月…). */
    static int month(Path file) {
        return org.investlake.ingest.Periods.findInText(file.getFileName().toString())
                .orElseThrow(
                        () -> new IllegalArgumentException("no month in the sample file name " + file.getFileName()))
                .getMonthValue();
    }

    private static List<Path> inboxFiles(Path dir) {
        try {
            return org.investlake.ingest.Inbox.files(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample in " + dir + ": " + e.getMessage(), e);
        }
    }
}
