package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load that dies between its writes leaves every table as it was: the transaction restores what
 * the load had already written, and the same file then loads normally.
 */
class LoadFailureTest extends SparkTest {
    @TempDir
    Path dir;

    @Test
    void aFailureAfterTheSilverMergeLeavesEveryTableAtItsLastGoodState() {
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        List<Row> silverBefore =
                spark().sql("SELECT * FROM silver.stats ORDER BY region_code").collectAsList();
        long bronzeBefore = spark().table("bronze.stats").count();
        long logBefore = spark().table("ops.load_log").count();

        // crash after bronze and silver were written, before ops: both must be undone
        LoadJob dying = LoadJob.on(w).afterEachWrite(step -> {
            if (step.equals("silver")) {
                throw new IllegalStateException("simulated crash after " + step);
            }
        });
        assertThatThrownBy(() -> dying.execute(StatsFixture.march(dir.resolve("in"))))
                .hasMessageContaining("simulated crash after silver");

        assertThat(spark().sql("SELECT * FROM silver.stats ORDER BY region_code")
                        .collectAsList())
                .as("silver.stats back to February's 4 rows")
                .isEqualTo(silverBefore);
        assertThat(spark().table("bronze.stats").count())
                .as("bronze rows of the failed load undone")
                .isEqualTo(bronzeBefore);
        assertThat(spark().table("ops.load_log").count())
                .as("no load log row for the failed load")
                .isEqualTo(logBefore);

        // nothing marks the file as loaded, so delivering it again loads it: 4 + 4 rows
        FileLoadResult again = LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        assertThat(again.status()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(spark().table("silver.stats").count()).isEqualTo(8);
    }

    @Test
    void aDryRunReportsWithoutWritingAnything() {
        Warehouse w = warehouse(dir);
        LoadJob job = LoadJob.on(w).dryRun(true);
        FileLoadResult r = job.execute(StatsFixture.march(dir.resolve("in")));
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(r.rowsLoaded()).isEqualTo(4);
        // 冀州区 1-3月 "下降7.0" → −7.0 (StatsFixture)
        assertThat(job.lastPreview().where("region_code = '131103'").first().<Double>getAs("ytd_growth_pct"))
                .isEqualTo(-7.0);
        assertThat(w.tables()).as("no table was created").isEmpty();
    }
}
