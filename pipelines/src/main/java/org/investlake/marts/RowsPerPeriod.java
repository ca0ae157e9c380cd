package org.investlake.marts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Counts a mart's rows per period while the build writes them (a Spark {@link Observation} on the written
 * query), so {@code ops.build_log} gets its row counts without reading the new table version back: that read
 * resolved the version's file list and cost as much as the write itself on small marts.
 */
final class RowsPerPeriod {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RowsPerPeriod.class);
    /** Spark reports observed metrics through its listener bus, just after the write returns. */
    private static final long WAIT_SECONDS = 60;

    private final Observation observation;
    private final List<String> periods;
    private boolean observed;

    RowsPerPeriod(String name, Set<String> periods) {
        this.observation = new Observation("rows per period " + name);
        this.periods = new ArrayList<>(periods);
    }

    /** {@code rows}, counted per period as they are written; the count is read by {@link #written}. */
    Dataset<Row> observe(Dataset<Row> rows) {
        if (periods.isEmpty()) {
            return rows;
        }
        Column[] counts = new Column[periods.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = functions
                    .count_if(functions.col("period").equalTo(periods.get(i)))
                    .as("p" + i);
        }
        observed = true;
        Column[] rest = java.util.Arrays.copyOfRange(counts, 1, counts.length);
        return rows.observe(observation, counts[0], rest);
    }

    /**
     * Rows written per period, once the write of the observed rows has returned; empty if Spark did not report
     * them within a minute (the caller then counts the table).
     */
    Optional<Map<String, Long>> written() {
        if (!observed) {
            return Optional.of(Map.of());
        }
        // Observation waits without a time limit: on a thread of its own, so a report that never comes
        // costs a parked daemon thread, not the build
        CompletableFuture<Map<String, Object>> got = new CompletableFuture<>();
        Thread waiter = new Thread(
                () -> {
                    try {
                        got.complete(observation.getAsJava());
                    } catch (InterruptedException | RuntimeException e) {
                        got.completeExceptionally(e);
                    }
                },
                "build-rows-per-period");
        waiter.setDaemon(true);
        waiter.start();
        try {
            Map<String, Object> metrics = got.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 0; i < periods.size(); i++) {
                out.put(periods.get(i), ((Number) metrics.get("p" + i)).longValue());
            }
            return Optional.of(out);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.warn("rows per period not reported by Spark ({}); counting the table instead", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
