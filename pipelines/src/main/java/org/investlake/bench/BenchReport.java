package org.investlake.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one bench run measured, written as JSON with snake_case keys (docs/performance.md "Benchmark" says what each
 * figure means). Seconds are wall-clock; a figure not measured at this scale or with these options is null.
 *
 * @param months the months measured (12 unless {@code --months}): the full run loads 1..months
 * @param rows the rows in silver after the full load (stats + projects + bonds)
 * @param fullSeconds the full run: loading every month, then building gold
 * @param loadSeconds the load part of the full run
 * @param goldSeconds the build part of the full run
 * @param incrementalSeconds loading the last month on top of the ones before and the build after it
 * @param incrementalRatio incremental / full
 * @param monthlySeconds the incremental warehouse's months loaded one at a time, each with the build after it:
 *     month 1 first, the last month ({@code incrementalSeconds}) last — whether a month's cost grows with the
 *     months before it
 * @param duckdbSeconds DuckDB running the same marts over the same silver data
 * @param duckdbRatio gold / DuckDB
 * @param demoSeconds {@code investlake demo} in a process of its own (CITY only)
 * @param oneFileLoadSeconds {@code investlake load --force} of one monthly statistics file into the demo's
 *     warehouse, in a process of its own (CITY only)
 * @param select1Seconds {@code investlake sql "SELECT 1"} in a process of its own (CITY only)
 * @param marts per mart, the rows Spark's gold table and DuckDB's result hold
 */
@JsonPropertyOrder(alphabetic = false)
public record BenchReport(
        String scale,
        String format,
        int months,
        long rows,
        double rowsPerSecondPerCore,
        double fullSeconds,
        double loadSeconds,
        double goldSeconds,
        double incrementalSeconds,
        double incrementalRatio,
        java.util.List<Double> monthlySeconds,
        double duckdbSeconds,
        double duckdbRatio,
        long peakHeapMb,
        Double demoSeconds,
        Double oneFileLoadSeconds,
        Double select1Seconds,
        String date,
        Machine machine,
        Map<String, MartRows> marts) {

    /** The machine the figures were taken on; {@code maxHeapMb} is the JVM's heap limit (-Xmx, or its default). */
    public record Machine(int cores, long maxHeapMb, String java, String os) {
        static Machine current() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    maxHeapBytes() / (1024 * 1024),
                    System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    /**
     * The heap limit as set, not {@code Runtime.maxMemory()}: with the parallel collector that leaves out a survivor
     * space, so the peak used heap (which counts it) could read as more than the maximum — 3,999 MB of 3,734 MB.
     */
    static long maxHeapBytes() {
        var diagnostic = java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
        return diagnostic == null
                ? Runtime.getRuntime().maxMemory()
                : Long.parseLong(diagnostic.getVMOption("MaxHeapSize").getValue());
    }

    /** The rows of one mart in Spark's gold table and in DuckDB's result. */
    public record MartRows(long spark, long duckdb) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
