package org.investlake.bench;

import java.util.regex.Pattern;

/**
 * The marts' Spark SQL (sql/gold/*.sql) as DuckDB runs it: the text that runs in the warehouse, with the two
 * spellings DuckDB does not share rewritten here, so a change to a mart reaches the benchmark by itself. The Spark
 * functions DuckDB lacks (format_number, months_between, to_date) are DuckDB macros (sql/bench/duckdb/_macros.sql).
 */
final class DuckDbDialect {
    /** {@code lateral view explode(array(a, b)) r as x} — one row per element. */
    private static final Pattern EXPLODE = Pattern.compile(
            "lateral\\s+view\\s+explode\\(array\\(([^()]*)\\)\\)\\s+(\\w+)\\s+as\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    /** {@code month / 12.0}: Spark divides an int by a decimal to six decimal places, DuckDB in double. */
    private static final Pattern TWELFTHS = Pattern.compile("\\b([\\w.]*month) / 12\\.0\\b");

    private DuckDbDialect() {}

    static String translate(String sparkSql) {
        String sql = EXPLODE.matcher(sparkSql).replaceAll("cross join unnest([$1]) as $2($3)");
        return TWELFTHS.matcher(sql).replaceAll("cast(round($1 / 12.0, 6) as decimal(17, 6))");
    }
}
