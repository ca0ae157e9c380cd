package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;

/**
 * The row hash a build's fingerprints sum ({@link BuildJob#rowHash}): a value moved to another column, a null in
 * place of an empty string or a null moved within an array is a change, the same row is the same hash.
 */
class RowHashTest extends SparkTest {
    private static final String DDL = "a STRING, b STRING, n DECIMAL(18,2), xs ARRAY<STRING>";

    private static List<Long> hashes(Dataset<Row> rows) {
        return rows.select(BuildJob.rowHash(rows.schema())).collectAsList().stream()
                .map(r -> r.getLong(0))
                .toList();
    }

    @Test
    void nullsAreToldApartFromValuesAndFromEachOther() {
        List<Long> h = hashes(rows(
                DDL,
                new Object[] {"x", null, null, null}, // 0
                new Object[] {null, "x", null, null}, // 1: x moved from a to b
                new Object[] {"x", "", null, null}, // 2: an empty string, not a null
                new Object[] {"x", null, new java.math.BigDecimal("0.00"), null}, // 3: zero, not a null
                new Object[] {"x", null, null, new String[] {null, "y"}}, // 4
                new Object[] {"x", null, null, new String[] {"y", null}}, // 5: the null moved within the array
                new Object[] {"x", null, null, new String[] {"y"}}, // 6: the null gone
                new Object[] {"x", null, null, null})); // 7: row 0 again
        assertThat(h.subList(0, 7)).as("rows 0-6 all differ").doesNotHaveDuplicates();
        assertThat(h.get(7)).as("the same row, the same hash").isEqualTo(h.get(0));
    }
}
