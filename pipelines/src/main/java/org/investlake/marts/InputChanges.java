package org.investlake.marts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddCDCFile;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.delta.actions.SetTransaction;
import org.apache.spark.sql.delta.util.DeltaFileOperations;
import org.investlake.storage.Warehouse;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Which periods of a mart's inputs can have changed since the versions its last build read, told from the inputs'
 * Delta logs: the {@code period} partition of every data file the commits after those versions added or removed.
 * A build then fingerprints only those periods, so a month loaded on top of a year reads that month, not the year.
 * An input not partitioned by period (silver.stats) names its months in the rows of the files the commits added or
 * removed, which are read for their {@code period} column. Whenever the logs cannot say it — a commit that changed
 * a table's schema or properties, a version or a file no longer there — the answer is empty and every period is
 * fingerprinted.
 */
final class InputChanges {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InputChanges.class);
    private final Warehouse warehouse;
    /** Per "layer.name@from..to", what the logs said: each mart reading the same input asks once. */
    private final Map<String, Optional<Set<String>>> answers = new HashMap<>();

    InputChanges(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * The periods whose rows may differ between the versions {@code recorded} ("layer.name=version,…", as the build
     * log keeps them) and {@code now}; empty when the logs cannot tell.
     */
    Optional<Set<String>> since(String recorded, Map<String, Long> now) {
        Map<String, Long> then = parse(recorded);
        if (!then.keySet().equals(now.keySet())) {
            return Optional.empty();
        }
        Set<String> touched = new TreeSet<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long from = then.get(e.getKey());
            long to = e.getValue();
            if (to == from) {
                continue;
            }
            if (to < from) {
                return Optional.empty(); // a table recreated: its versions start again
            }
            Optional<Set<String>> periods =
                    answers.computeIfAbsent(e.getKey() + "@" + from + ".." + to, k -> periods(e.getKey(), from, to));
            if (periods.isEmpty()) {
                return Optional.empty();
            }
            touched.addAll(periods.get());
        }
        return Optional.of(touched);
    }

    private Optional<Set<String>> periods(String table, long from, long to) {
        String[] p = table.split("\\.", 2);
        Set<String> out = new TreeSet<>();
        List<String> unpartitioned = new ArrayList<>();
        try {
            DeltaLog log = DeltaLog.forTable(warehouse.spark(), warehouse.location(p[0], p[1]));
            // failOnDataLoss: a version missing from the log throws, and the answer is "cannot tell"
            scala.collection.Iterator<Tuple2<Object, scala.collection.Seq<Action>>> commits =
                    log.getChanges(from + 1, to, true);
            while (commits.hasNext()) {
                List<Action> actions =
                        JavaConverters.seqAsJavaList(commits.next()._2());
                for (Action a : actions) {
                    if (a instanceof CommitInfo || a instanceof SetTransaction || a instanceof AddCDCFile) {
                        continue;
                    }
                    scala.collection.immutable.Map<String, String> values;
                    String path;
                    if (a instanceof AddFile add && !add.dataChange()
                            || a instanceof RemoveFile rm && !rm.dataChange()) {
                        continue; // compaction (OPTIMIZE): the same rows in other files
                    }
                    if (a instanceof AddFile add) {
                        values = add.partitionValues();
                        path = add.path();
                    } else if (a instanceof RemoveFile remove) {
                        values = remove.partitionValues();
                        path = remove.path();
                    } else {
                        return Optional.empty(); // metadata, protocol …: a change not tied to a partition
                    }
                    if (values != null && values.get("period").isDefined()) {
                        out.add(values.get("period").get());
                    } else {
                        unpartitioned.add(
                                DeltaFileOperations.absolutePath(log.dataPath().toString(), path)
                                        .toString());
                    }
                }
            }
            if (!unpartitioned.isEmpty()) {
                // not partitioned by period (silver.stats): the months are in the rows of the files the commits
                // added or removed — removed files stay on disk for the retention, so both can be read. A MERGE
                // rewrites whole files, so this may name months whose rows did not change: they are fingerprinted
                // again, and their fingerprints decide.
                for (Row r : warehouse
                        .spark()
                        .read()
                        .parquet(unpartitioned.toArray(String[]::new))
                        .select("period")
                        .distinct()
                        .collectAsList()) {
                    if (r.isNullAt(0)) {
                        return Optional.empty();
                    }
                    out.add(r.getString(0));
                }
            }
        } catch (Exception e) { // Spark's AnalysisException (a file gone, no period column) is a checked one
            LOG.debug(
                    "cannot tell which periods of {} changed between versions {} and {}: {}",
                    table,
                    from,
                    to,
                    e.toString());
            return Optional.empty();
        }
        return Optional.of(out);
    }

    private static Map<String, Long> parse(String recorded) {
        Map<String, Long> out = new HashMap<>();
        if (recorded == null || recorded.isBlank()) {
            return out;
        }
        for (String kv : recorded.split(",")) {
            int eq = kv.lastIndexOf('=');
            if (eq < 0) {
                return Map.of();
            }
            try {
                out.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            } catch (NumberFormatException e) {
                return Map.of();
            }
        }
        return out;
    }
}
