package org.investlake.storage;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the warehouse's Delta tables healthy as months pile up: compacts the small files many small loads leave
 * (OPTIMIZE) and deletes the files no version within the retention reads any more (VACUUM).
 *
 * <p>The retention is what the warehouse promises to give back: {@code history}/{@code restore TABLE --version}
 * and the reissue of a bulletin exactly as first published (read at the Delta versions ops.bulletins recorded)
 * reach back {@link #RETENTION_DAYS} days — two years and a month, so a bulletin of the year before last can
 * still be reissued. Delta's defaults (7 days of deleted files, 30 of log) would break that silently: after 30
 * days the log of an older version is cleaned up at the next checkpoint even if nobody runs VACUUM. So every table
 * is created with this retention ({@link #PROPERTIES}), and {@link #run} sets it on tables created before.
 */
public final class TableMaintenance {
    public static final int RETENTION_DAYS = 760;

    /** The table properties that make the retention Delta's. */
    public static final Map<String, String> PROPERTIES = Map.of(
            "delta.logRetentionDuration", "interval " + RETENTION_DAYS + " days",
            "delta.deletedFileRetentionDuration", "interval " + RETENTION_DAYS + " days");

    private final Warehouse warehouse;

    public TableMaintenance(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The {@code TBLPROPERTIES (...)} clause of a CREATE TABLE. */
    public static String propertiesClause() {
        return " TBLPROPERTIES (" + propertyList() + ")";
    }

    private static String propertyList() {
        List<String> kv = new ArrayList<>();
        new java.util.TreeMap<>(PROPERTIES).forEach((k, v) -> kv.add("'" + k + "' = '" + v + "'"));
        return String.join(", ", kv);
    }

    /** What maintenance did to one table. */
    public record Done(String table, long filesBefore, long filesAfter, boolean retentionSet) {
        public String describe() {
            return table + ": " + filesBefore + " → " + filesAfter + " data files"
                    + (retentionSet ? "; retention set to " + RETENTION_DAYS + " days" : "");
        }
    }

    /**
     * Sets the retention where a table lacks it, compacts, then vacuums every table of the warehouse; {@code
     * progress} is told each table before its work. Call under the warehouse lock: it rewrites files.
     */
    public List<Done> run(Consumer<String> progress) {
        SparkSession spark = warehouse.spark();
        List<Done> done = new ArrayList<>();
        for (String table : warehouse.tables()) {
            progress.accept(table);
            String[] parts = table.split("\\.");
            String location = warehouse.location(parts[0], parts[1]);
            DeltaTable delta = DeltaTable.forPath(spark, location);
            Row detail = delta.detail().first();
            Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
            boolean set =
                    !PROPERTIES.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
            if (set) {
                // Delta's Java API has no call for table properties: this one statement stays SQL
                spark.sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES (" + propertyList() + ")");
            }
            long before = detail.getAs("numFiles");
            delta.optimize().executeCompaction();
            delta.vacuum();
            long after = delta.detail().first().getAs("numFiles");
            done.add(new Done(table, before, after, set));
        }
        return done;
    }
}
