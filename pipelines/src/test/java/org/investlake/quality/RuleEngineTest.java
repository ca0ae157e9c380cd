package org.investlake.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;

/** A rule holds only when its check is TRUE: NULL (a comparison with a missing value) counts as broken. */
class RuleEngineTest extends SparkTest {
    private static FeedSchema schemaWith(FeedSchema.RuleSpec... rules) {
        return new FeedSchema("t", "", null, List.of(), false, false, null, Map.of(), List.of(), List.of(rules), null);
    }

    private static FeedSchema.RuleSpec rule(String id, String action, String check) {
        return new FeedSchema.RuleSpec(id, action, "amount", null, check, null, null, "m");
    }

    @Test
    void aCheckThatEvaluatesToNullFires() {
        FeedSchema schema = schemaWith(
                rule("not_negative", "drop", "amount >= 0"),
                rule("not_negative_if_given", "drop", "amount is null or amount >= 0"),
                rule("small", "warn", "amount < 100"));
        rows(
                        "source_row INT, amount DOUBLE, amount_raw STRING",
                        new Object[] {1, null, ""},
                        new Object[] {2, 5.0, "5"},
                        new Object[] {3, -1.0, "-1"})
                .createOrReplaceTempView("rule_engine_parsed");
        List<Row> rows = RuleEngine.judge(
                        spark(), "SELECT * FROM rule_engine_parsed -- a comment ends the line", schema)
                .selectExpr(
                        "source_row",
                        "transform(violations, v -> v.rule) AS dropped",
                        "transform(warnings, v -> v.rule) AS warned")
                .orderBy("source_row")
                .collectAsList();
        // row 1: amount NULL → `amount >= 0` and `amount < 100` are NULL → both fire; the rule that
        //        says what a missing amount means (`amount is null or …`) holds
        assertThat(rows.get(0).getList(1)).containsExactly("not_negative");
        assertThat(rows.get(0).getList(2)).containsExactly("small");
        // row 2: 5 ≥ 0 and 5 < 100 → nothing fires
        assertThat(rows.get(1).getList(1)).isEmpty();
        assertThat(rows.get(1).getList(2)).isEmpty();
        // row 3: −1 < 0 → both drop rules fire; −1 < 100 → no warning
        assertThat(rows.get(2).getList(1)).containsExactly("not_negative", "not_negative_if_given");
        assertThat(rows.get(2).getList(2)).isEmpty();
    }
}
