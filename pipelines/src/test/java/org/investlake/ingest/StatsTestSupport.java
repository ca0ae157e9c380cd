package org.investlake.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;

/**
 * Queries the stats ingest tests share: silver rows of one load (or of one dry run's preview), table
 * versions, the load log.
 */
abstract class StatsTestSupport extends SparkTest {
    /** The silver columns the tests compare. */
    static final String SILVER_DDL = "period STRING, region_code STRING, sector_code STRING, "
            + "ytd_amount_wan DECIMAL(18,2), prev_ytd_amount_wan DECIMAL(18,2), ytd_growth_pct DOUBLE, "
            + "growth_source STRING";

    /**
     * silver.stats rows written by one load, in key order. Growth is rounded to 6 decimals: a growth
     * computed from amounts carries float noise in the 15th digit (54000/50000 − 1 = 8.000000000000007).
     */
    static Dataset<Row> silverOf(String loadId) {
        return silverOf(loadId, "");
    }

    /** The same with further columns (SQL expressions) after growth_source. */
    static Dataset<Row> silverOf(String loadId, String extra) {
        return statsRows("silver.stats", loadId, extra);
    }

    /**
     * A dry run of one file ({@code LoadJob.dryRun(true)}): its load result, and the rows it would have
     * merged into silver.stats ({@code lastPreview()}, silver's columns). Nothing is written.
     */
    record DryRun(FileLoadResult result, Dataset<Row> preview) {
        static DryRun of(LoadJob job, Path file) {
            FileLoadResult r = job.dryRun(true).execute(file);
            return new DryRun(r, job.lastPreview());
        }

        /** The rows the dry run would have written to silver.stats, shown exactly as {@link #silverOf} shows silver. */
        Dataset<Row> silver() {
            return silver("");
        }

        /** The same with further columns (SQL expressions) after growth_source. */
        Dataset<Row> silver(String extra) {
            if (preview == null) {
                throw new AssertionError(
                        "no preview for " + result.file() + ": " + result.status() + " " + result.reasons());
            }
            // spark.sql analyses at once: the Dataset keeps this preview even when the view is replaced later
            preview.createOrReplaceTempView("stats_dry_run_preview");
            return statsRows("stats_dry_run_preview", result.loadId(), extra);
        }
    }

    private static Dataset<Row> statsRows(String table, String loadId, String extra) {
        return spark().sql("SELECT period, region_code, sector_code, ytd_amount_wan, prev_ytd_amount_wan, "
                + "round(ytd_growth_pct, 6) AS ytd_growth_pct, growth_source" + (extra.isEmpty() ? "" : ", " + extra)
                + " FROM " + table + " WHERE load_id = '" + loadId + "' ORDER BY period, region_code, sector_code");
    }

    /** Every silver row, collected now (a later write cannot change what this returns). */
    static Dataset<Row> silverNow() {
        Dataset<Row> df = spark().sql("SELECT * FROM silver.stats ORDER BY period, region_code, sector_code");
        return spark().createDataFrame(df.collectAsList(), df.schema());
    }

    /** The latest Delta version of a table. */
    static long version(String table) {
        return spark().sql("DESCRIBE HISTORY " + table)
                .selectExpr("max(version)")
                .first()
                .getLong(0);
    }

    /** The ops.load_log row of one load. */
    static Row loadLog(String loadId) {
        List<Row> rows = spark().sql("SELECT status, rows_read, rows_loaded, rows_warned, rows_quarantined, message, "
                        + "encoding, file_sha256 FROM ops.load_log WHERE load_id = '" + loadId + "'")
                .collectAsList();
        if (rows.size() != 1) {
            throw new AssertionError("expected one load_log row for " + loadId + ", found " + rows.size());
        }
        return rows.get(0);
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s).setScale(2);
    }

    static Path in(Path dir) {
        return dir.resolve("in");
    }
}
