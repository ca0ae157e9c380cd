package org.investlake.cli;

import org.apache.spark.sql.SparkSession;
import org.investlake.reference.ReferenceData;
import org.investlake.storage.SparkSessions;
import org.investlake.storage.Warehouse;

/**
 * The one SparkSession and warehouse a command works on, opened on first use (help and usage errors
 * never start Spark) and stopped when the launcher exits.
 */
final class Sessions {
    private static SparkSession spark;

    private Sessions() {}

    static Warehouse open(Main options) {
        return Warehouse.open(spark(options), options.warehouseUri(), reference(options));
    }

    /** The session alone, for a command that opens warehouses of its own (bench). */
    static SparkSession spark(Main options) {
        if (spark == null) {
            long started = System.nanoTime();
            spark = SparkSessions.create(options.master);
            if (options.verbose) {
                // per-stage timings and counts of the jobs
                org.apache.logging.log4j.core.config.Configurator.setLevel(
                        "org.investlake", org.apache.logging.log4j.Level.INFO);
                org.slf4j.LoggerFactory.getLogger(Sessions.class)
                        .info("Spark session started in {} ms", (System.nanoTime() - started) / 1_000_000);
            } else {
                spark.sparkContext().setLogLevel("ERROR");
            }
        }
        return spark;
    }

    static ReferenceData reference(Main options) {
        return ReferenceData.loadOrBundled(options.config);
    }

    static void closeAll() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }
}
