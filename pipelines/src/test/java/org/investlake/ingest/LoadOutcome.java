package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What one load left in ops and silver, read once so each rule test costs nothing: the quarantine
 * row of each file line (row_number, rule_ids, reason, record, feed), the dq_results row of each rule
 * (rule_id, action, rows, example), and the file lines that reached silver.
 */
final class LoadOutcome {
    private final Map<Integer, Row> quarantine = new HashMap<>();
    private final Map<String, Row> dq = new HashMap<>();
    private final Set<Integer> silverLines = new HashSet<>();

    static LoadOutcome read(SparkSession spark, String loadId, String silverTable) {
        LoadOutcome o = new LoadOutcome();
        for (Row r : spark.sql("SELECT row_number, rule_ids, reason, record, feed FROM ops.quarantine WHERE load_id = '"
                        + loadId + "'")
                .collectAsList()) {
            assertThat(o.quarantine.put(r.getInt(0), r))
                    .as("one quarantine row per line (line %s)", r.getInt(0))
                    .isNull();
        }
        for (Row r : spark.sql(
                        "SELECT rule_id, action, rows, example FROM ops.dq_results WHERE load_id = '" + loadId + "'")
                .collectAsList()) {
            assertThat(o.dq.put(r.getString(0), r))
                    .as("one dq_results row per rule (%s)", r.getString(0))
                    .isNull();
        }
        spark.sql("SELECT source_row FROM " + silverTable + " WHERE load_id = '" + loadId + "'")
                .collectAsList()
                .forEach(r -> o.silverLines.add(r.getInt(0)));
        return o;
    }

    /** The quarantine row of a file line; fails when the line was not quarantined. */
    Row quarantined(int line) {
        Row r = quarantine.get(line);
        assertThat(r).as("quarantine row of line %s", line).isNotNull();
        return r;
    }

    Set<Integer> quarantinedLines() {
        return quarantine.keySet();
    }

    Row dq(String rule) {
        return dq.get(rule);
    }

    Set<Integer> silverLines() {
        return silverLines;
    }

    /** The line loaded, and its warn rule is in ops.dq_results once, with a message naming the line. */
    void assertWarned(int line, String rule, String... fragments) {
        assertThat(silverLines).as("line %s loads", line).contains(line);
        Row d = dq.get(rule);
        assertThat(d).as("dq_results of %s", rule).isNotNull();
        assertThat(d.getString(1)).as("action of %s", rule).isEqualTo("warn");
        assertThat(d.getInt(2))
                .as("rows warned by %s: only line %s", rule, line)
                .isEqualTo(1);
        assertThat(d.getString(3))
                .as("message of %s", rule)
                .contains("第" + line + "行")
                .contains(fragments);
    }
}
