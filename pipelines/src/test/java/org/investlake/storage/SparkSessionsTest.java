package org.investlake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    @Test
    void anOperatorsSizingWinsButNotTheSettingsResultsRelyOn() {
        // as spark-submit --conf spark.sql.shuffle.partitions=200 --conf spark.sql.session.timeZone=UTC hands them
        SparkConf given = new SparkConf(false)
                .set("spark.sql.shuffle.partitions", "200")
                .set("spark.sql.session.timeZone", "UTC");

        Map<String, String> set = SparkSessions.settingsBeside(given);

        // ours is "4": left out, so the operator's 200 stands
        assertFalse(set.containsKey("spark.sql.shuffle.partitions"));
        // the periods are Beijing months whatever the cluster's zone: ours is set over the operator's
        assertEquals("Asia/Shanghai", set.get("spark.sql.session.timeZone"));
        // a sizing setting the operator did not give keeps ours
        assertEquals("2", set.get("spark.databricks.delta.snapshotPartitions"));
        assertEquals("io.delta.sql.DeltaSparkSessionExtension", set.get("spark.sql.extensions"));
    }

    @Test
    void withNothingGivenEverySettingIsSet() {
        assertEquals(SparkSessions.settings(), SparkSessions.settingsBeside(new SparkConf(false)));
    }
}
