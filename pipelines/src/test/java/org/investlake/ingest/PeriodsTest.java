package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every period form docs/contract.md "Feeds" lists; all of them mean the year to date through June 2023. */
class PeriodsTest {
    private static final YearMonth JUNE = YearMonth.of(2023, 6);

    @ParameterizedTest(name = "\"{0}\" = 2023-06")
    @ValueSource(
            strings = {
                "2023-06",
                "202306",
                "2023年6月",
                "2023年1-6月",
                "2023/6",
                "2023-06-30",
                "2023-6",
                "2023.06",
                "2023年6月份",
                "2023年1-6月份",
                "2023年1～6月",
                "2023年1—6月",
                "2023年1至6月",
                "2023年1-6月累计",
                "２０２３年１－６月",
                " 2023年 1-6月 ",
                "2023/06/30"
            })
    void everyWayOfWritingJune(String raw) {
        assertThat(Periods.parse(raw)).as("\"%s\"", raw).contains(JUNE);
        assertThat(Periods.parseToString(raw)).as("SQL twin of \"%s\"", raw).isEqualTo("2023-06");
    }

    @ParameterizedTest(name = "\"{0}\" names no period")
    @NullSource
    @ValueSource(
            strings = {
                "",
                "2023年3-6月", // 3-6月 is not year-to-date
                "2023",
                "6月",
                "1-6月",
                "abc",
                "2023-13",
                "202313",
                "2023年0月",
                "1899-06"
            })
    void notAYearToDatePeriod(String raw) {
        assertThat(Periods.parse(raw)).as("\"%s\"", raw).isEmpty();
        assertThat(Periods.parseToString(raw)).as("SQL twin of \"%s\"", raw).isNull();
    }

    @Test
    void januaryAndFebruaryParse() {
        // 1-2月 is published together; a 1月 period parses (the silver rule, not the parser, refuses it)
        assertThat(Periods.parse("2023年1-2月")).as("1-2月").contains(YearMonth.of(2023, 2));
        assertThat(Periods.parse("2023年1月")).as("1月").contains(YearMonth.of(2023, 1));
        assertThat(Periods.parse("2023-12")).as("December").contains(YearMonth.of(2023, 12));
    }

    @Test
    void periodInATitleLine() {
        assertThat(Periods.findInText("2023年1-6月各县市区固定资产投资完成情况"))
                .as("title with 1-6月")
                .contains(JUNE);
        assertThat(Periods.findInText("衡水市2023年1-2月全市分行业固定资产投资情况"))
                .as("title with text before the period")
                .contains(YearMonth.of(2023, 2));
        assertThat(Periods.findInText("２０２３年１－６月各县市区固定资产投资完成情况"))
                .as("full-width title")
                .contains(JUNE);
        assertThat(Periods.findInText("2023年6月各县市区固定资产投资完成情况"))
                .as("title with a single month")
                .contains(JUNE);
        assertThat(Periods.findInText("2023年3-6月各县市区固定资产投资完成情况"))
                .as("3-6月 is not year-to-date")
                .isEmpty();
        assertThat(Periods.findInText("各县市区固定资产投资完成情况"))
                .as("title without a period")
                .isEmpty();
        assertThat(Periods.findInText("单位:万元")).as("unit line").isEmpty();
        assertThat(Periods.findInText(null)).as("null").isEmpty();
    }

    @Test
    void storedAsYearDashMonth() {
        assertThat(Periods.format(YearMonth.of(2023, 2))).as("format").isEqualTo("2023-02");
    }
}
