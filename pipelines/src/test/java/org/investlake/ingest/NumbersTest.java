package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every number form docs/contract.md "Feeds" lists, as amounts and as growth (expected values worked out by hand). */
class NumbersTest {

    @ParameterizedTest(name = "amount \"{0}\" = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "12,345.6      | 12345.6", // thousands separator
                "１２３        | 123", // full-width digits
                "１２，３４５．６ | 12345.6", // full-width separator and point
                "' 1,234 '     | 1234", // surrounding spaces
                "-1.5          | -1.5", // a negative amount stays negative
                "+20           | 20",
                "0             | 0"
            })
    void amountsAsExportsWriteThem(String raw, String expected) {
        Numbers.Parsed p = Numbers.amount(raw);
        assertThat(p.invalid()).as("\"%s\" is a number", raw).isFalse();
        assertThat(p.value()).as("\"%s\"", raw).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "amount \"{0}\" is missing")
    @NullSource
    @ValueSource(strings = {"", " ", "—", "-", "——", "--"})
    void dashesAndEmptyAreMissingNotInvalid(String raw) {
        Numbers.Parsed p = Numbers.amount(raw);
        assertThat(p.missing()).as("\"%s\" means no value", raw).isTrue();
        assertThat(p.invalid()).as("\"%s\" is not an error", raw).isFalse();
        assertThat(Numbers.growth(raw).missing())
                .as("growth \"%s\" means no value", raw)
                .isTrue();
        assertThat(Numbers.amountOrNull(raw)).as("SQL twin of \"%s\"", raw).isNull();
        assertThat(Numbers.amountInvalid(raw)).as("SQL twin of \"%s\"", raw).isFalse();
    }

    @ParameterizedTest(name = "amount \"{0}\" is invalid")
    @ValueSource(strings = {"abc", "待核", "12.3.4", "1,2a"})
    void textThatIsNotANumberIsInvalid(String raw) {
        assertThat(Numbers.amount(raw).invalid()).as("\"%s\"", raw).isTrue();
        assertThat(Numbers.amount(raw).value()).as("\"%s\" has no value", raw).isNull();
        assertThat(Numbers.amountOrNull(raw)).as("SQL: null for \"%s\"", raw).isNull();
        assertThat(Numbers.amountInvalid(raw))
                .as("SQL: invalid flag for \"%s\"", raw)
                .isTrue();
    }

    @ParameterizedTest(name = "growth \"{0}\" = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "下降1.2       | -1.2", // 下降 x is −x
                "-1.2          | -1.2",
                "增长5.3%      | 5.3",
                "5.3           | 5.3",
                "+5.3          | 5.3",
                "1.5倍         | 150", // 1.5倍 is +150 %
                "增长2倍       | 200",
                "持平          | 0",
                "减少0.8       | -0.8",
                "同比增长4.0%  | 4.0",
                "－１．２      | -1.2", // full-width minus, digits and point
                "下 降 1.2     | -1.2"
            }) // spaces inside
    void growthInWordsAndFigures(String raw, String expected) {
        Numbers.Parsed p = Numbers.growth(raw);
        assertThat(p.invalid()).as("\"%s\" is a growth", raw).isFalse();
        assertThat(p.value()).as("\"%s\"", raw).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(Numbers.growthOrNull(raw)).as("SQL twin of \"%s\"", raw).isEqualTo(Double.valueOf(expected));
    }

    @ParameterizedTest(name = "growth \"{0}\" is invalid")
    @ValueSource(strings = {"下降-1", "下降-1.2", "abc", "待核", "1.2.3%", "增长"})
    void growthThatSaysTheSignTwiceOrIsNoNumberIsInvalid(String raw) {
        assertThat(Numbers.growth(raw).invalid()).as("\"%s\"", raw).isTrue();
        assertThat(Numbers.growthOrNull(raw)).as("SQL: null for \"%s\"", raw).isNull();
        assertThat(Numbers.growthInvalid(raw))
                .as("SQL: invalid flag for \"%s\"", raw)
                .isTrue();
    }

    @Test
    void anAmountIsNotReadAsGrowthWords() {
        // words belong to growth cells; an amount cell with 下降 is not a number
        assertThat(Numbers.amount("下降1.2").invalid()).as("amount 下降1.2").isTrue();
        assertThat(Numbers.amount("1.5倍").invalid()).as("amount 1.5倍").isTrue();
    }
}
