package org.investlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    /** The month a file holds, from its name: 2023年1-12月… (statistics, cumulative) or 2023年12月… . */
    private static final Pattern MONTH = Pattern.compile("\\d{4}年(?:1-)?(\\d{1,2})月");

    static BenchSample write(int year, SampleScale scale, ReferenceData city, Path dir) {
        SampleSummary summary =
                SampleGenerator.forYear(year).scale(scale).reference(city).writeTo(dir);
        if (!scale.hasOwnProfile()) {
            return new BenchSample(scale, city, inboxFiles(dir), "csv+xlsx");
        }
        return new BenchSample(
                scale, ReferenceData.load(summary.profile()), inboxFiles(dir.resolve("parquet")), "parquet");
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

    static int month(Path file) {
        Matcher m = MONTH.matcher(file.getFileName().toString());
        if (!m.find()) {
            throw new IllegalArgumentException("no month in the sample file name " + file.getFileName());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The loadable files under {@code dir}, sorted as {@code run --inbox} sorts them. */
    private static List<Path> inboxFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".csv") || n.endsWith(".xlsx") || n.endsWith(".parquet");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample in " + dir + ": " + e.getMessage(), e);
        }
    }
}
