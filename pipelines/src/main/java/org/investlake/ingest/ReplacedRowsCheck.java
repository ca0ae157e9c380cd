package org.investlake.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.Warehouse;

/**
 * Says what a month delivered again takes away. A snapshot feed's delivery (projects, bonds) replaces its months
 * whole, so a project that the earlier delivery of the month listed and this file leaves out is removed from the
 * month, and its completed investment from the month's totals. That is right for a corrected month and wrong for a
 * file cut short, and only the clerk can tell which: the load report names the projects (as 替换, a note; nothing is
 * refused). The earlier delivery is the batch's earlier files of the month, else silver's.
 *
 * <p>Only a month delivered before costs a query: silver's months are read once for all the files of a load or a
 * batch (nothing is written before the end), and a new month, the usual case, is told apart without reading rows.
 */
final class ReplacedRowsCheck {
    /** How many of the removed projects a note names. */
    static final int NAMED = 3;

    private final Warehouse warehouse;
    /** Silver's months of a feed, read once. */
    private final Map<String, Set<String>> silverPeriods = new HashMap<>();

    /** For the files checked before anything of them is written: one load, or one batch. */
    ReplacedRowsCheck(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * One note per month of {@code kept} that an earlier delivery held rows of which this file leaves out.
     * {@code earlier}: the kept rows of the batch's files of this feed checked before this one.
     */
    List<String> check(FeedSchema schema, DeliveryFold.Kept kept, List<DeliveryFold.Kept> earlier, String fileName) {
        if (!schema.snapshotPerPeriod() || kept.count() == 0) {
            return List.of();
        }
        SparkSession spark = warehouse.spark();
        DeliveryFold.Kept before = earlier.isEmpty() ? null : DeliveryFold.fold(schema, earlier);
        Set<String> inBatch = before == null ? Set.of() : new HashSet<>(before.periods());
        String[] ids = schema.key().stream().filter(k -> !k.equals("period")).toArray(String[]::new);
        List<String> notes = new ArrayList<>();
        for (String period : kept.periods()) {
            if (period == null) {
                continue;
            }
            Dataset<Row> previous;
            if (inBatch.contains(period)) {
                previous = before.only(Set.of(period)).toDataset(spark);
            } else if (silverPeriods(schema).contains(period)) {
                previous = spark.table("silver." + schema.feed())
                        .where(functions.col("period").equalTo(period));
            } else {
                continue; // a month delivered for the first time replaces nothing
            }
            Dataset<Row> now = kept.only(Set.of(period)).toDataset(spark).select(columns(ids));
            Dataset<Row> gone = previous.select(columns(named(ids, previous)))
                    .join(now, ids, "left_anti")
                    .orderBy(columns(ids));
            List<Row> first = gone.limit(NAMED).collectAsList();
            if (first.isEmpty()) {
                continue;
            }
            long count = first.size() < NAMED ? first.size() : gone.count();
            notes.add(message(fileName, period, count, first));
        }
        return notes;
    }

    private Set<String> silverPeriods(FeedSchema schema) {
        return silverPeriods.computeIfAbsent(schema.feed(), feed -> {
            Set<String> out = new HashSet<>();
            if (warehouse.exists("silver", feed)) {
                warehouse
                        .spark()
                        .table("silver." + feed)
                        .select("period")
                        .distinct()
                        .collectAsList()
                        .forEach(r -> out.add(r.getString(0)));
            }
            return out;
        });
    }

    /** The key columns, and the name beside them where the feed has one, to say which project. */
    private static String[] named(String[] ids, Dataset<Row> rows) {
        List<String> out = new ArrayList<>(Arrays.asList(ids));
        if (Arrays.asList(rows.columns()).contains("project_name")) {
            out.add("project_name");
        }
        return out.toArray(String[]::new);
    }

    private static String message(String fileName, String period, long count, List<Row> first) {
        List<String> which = new ArrayList<>();
        for (Row r : first) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                if (!r.isNullAt(i)) {
                    cells.add(r.get(i).toString());
                }
            }
            which.add(String.join(" ", cells));
        }
        return String.format(
                "%s: %s年%d月此前报送的 %d 个项目不在本文件中,按本文件整月替换后将从该月移除(其完成投资不再计入该月):%s%s;" + "如属漏报,请补报完整的当月文件",
                fileName,
                period.substring(0, 4),
                Integer.parseInt(period.substring(5, 7)),
                count,
                String.join("、", which),
                count > first.size() ? " 等" : "");
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(functions::col).toArray(Column[]::new);
    }
}
