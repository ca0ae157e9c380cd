package org.investlake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two rewrites, on the lines of the marts that need them (sql/gold/key_project_progress.sql and others). */
class DuckDbDialectTest {
    @Test
    void explodeOfAnArrayBecomesUnnest() {
        assertThat(
                        DuckDbDialect.translate(
                                "from p cross join c\n    lateral view explode(array(p.region_code, c.city_code)) r as region_code"))
                .isEqualTo(
                        "from p cross join c\n    cross join unnest([p.region_code, c.city_code]) as r(region_code)");
    }

    @Test
    void twelfthsOfAMonthAreSparksSixDecimals() {
        assertThat(DuckDbDialect.translate("cast(p.month / 12.0 as double) as time_progress"))
                .isEqualTo("cast(cast(round(p.month / 12.0, 6) as decimal(17, 6)) as double) as time_progress");
        assertThat(DuckDbDialect.translate("round((month / 12.0 - x) * 100, 2)"))
                .isEqualTo("round((cast(round(month / 12.0, 6) as decimal(17, 6)) - x) * 100, 2)");
        assertThat(DuckDbDialect.translate("select months_between(a, b) from t"))
                .as("nothing else is touched")
                .isEqualTo("select months_between(a, b) from t");
    }
}
