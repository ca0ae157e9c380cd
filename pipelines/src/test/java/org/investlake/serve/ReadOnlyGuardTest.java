package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.investlake.SparkTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard decides from the parsed plan alone: none of the tables named here exists, nothing runs.
 * Each statement was parsed by Spark 3.5 with Delta 3.3's extension to see which plan node it gives.
 */
class ReadOnlyGuardTest extends SparkTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1",
                "select * from gold.region_growth where period = '2023-06' order by rank",
                "WITH x AS (SELECT 1 a) SELECT * FROM x",
                "VALUES (1), (2)",
                "SELECT * FROM silver.stats VERSION AS OF 3",
                "SELECT * FROM table_changes('silver.stats', 0)",
                "DESCRIBE gold.region_growth",
                "DESCRIBE TABLE EXTENDED gold.region_growth",
                "DESCRIBE gold.region_growth period",
                "DESCRIBE HISTORY silver.stats",
                "DESCRIBE DETAIL silver.stats",
                "DESCRIBE QUERY SELECT 1",
                "DESCRIBE FUNCTION upper",
                "DESCRIBE DATABASE gold",
                "SHOW TABLES IN gold",
                "SHOW DATABASES",
                "SHOW COLUMNS IN gold.region_growth",
                "SHOW TBLPROPERTIES gold.region_growth",
                "SHOW CREATE TABLE gold.region_growth",
                "SHOW CURRENT NAMESPACE",
                "EXPLAIN SELECT * FROM gold.region_growth",
                "SET",
                "SET spark.sql.session.timeZone"
            })
    void readsPass(String sql) {
        assertThatCode(() -> ReadOnlyGuard.check(spark(), sql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DROP TABLE gold.region_growth | DROP TABLE",
                "INSERT INTO gold.region_growth SELECT * FROM gold.region_growth | INSERT",
                "INSERT OVERWRITE gold.region_growth SELECT * FROM gold.region_growth | INSERT",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x | INSERT",
                "INSERT OVERWRITE DIRECTORY '/tmp/x' SELECT 1 | INSERT OVERWRITE DIRECTORY",
                "DELETE FROM gold.region_growth WHERE 1 = 1 | DELETE",
                "UPDATE gold.region_growth SET rank = 1 | UPDATE",
                "MERGE INTO gold.region_growth t USING gold.region_growth s ON t.period = s.period "
                        + "WHEN MATCHED THEN DELETE | MERGE",
                "CREATE TABLE t (a INT) USING delta | CREATE TABLE",
                "CREATE TABLE t USING delta AS SELECT 1 a | CREATE TABLE … AS SELECT",
                "CREATE VIEW v AS SELECT 1 | CREATE VIEW",
                "CREATE TEMPORARY VIEW v AS SELECT 1 | CREATE VIEW",
                "CREATE TABLE t2 SHALLOW CLONE gold.region_growth | CLONE",
                "DROP DATABASE gold | DROP DATABASE",
                "TRUNCATE TABLE gold.region_growth | TRUNCATE TABLE",
                "RESTORE TABLE gold.region_growth TO VERSION AS OF 0 | RESTORE",
                "OPTIMIZE gold.region_growth | OPTIMIZE",
                "VACUUM gold.region_growth RETAIN 0 HOURS | VACUUM",
                "VACUUM gold.region_growth RETAIN 0 HOURS DRY RUN | VACUUM",
                "ALTER TABLE gold.region_growth SET TBLPROPERTIES ('delta.appendOnly' = 'true') "
                        + "| ALTER TABLE … SET TBLPROPERTIES",
                "ALTER TABLE gold.region_growth UNSET TBLPROPERTIES ('a') | ALTER TABLE … UNSET TBLPROPERTIES",
                "ALTER TABLE gold.region_growth ADD COLUMNS (x INT) | ALTER TABLE … ADD COLUMNS",
                "ALTER TABLE gold.region_growth RENAME TO gold.x | ALTER TABLE … RENAME",
                "EXPLAIN DROP TABLE gold.region_growth | DROP TABLE",
                "SET spark.databricks.delta.retentionDurationCheck.enabled = false | SET",
                "RESET | RESET",
                "ADD JAR /tmp/x.jar | ADD JAR",
                "CACHE TABLE gold.region_growth | CACHE TABLE",
                "REFRESH TABLE gold.region_growth | REFRESH TABLE",
                "USE gold | USE",
                "SELECT TRANSFORM(period) USING 'rm -rf /' FROM gold.region_growth | TRANSFORM … USING"
            })
    void writesAndSessionChangesAreRefusedByName(String sql, String name) {
        ReadOnlyGuard.NotReadOnlyException e =
                catchThrowableOfType(ReadOnlyGuard.NotReadOnlyException.class, () -> ReadOnlyGuard.check(spark(), sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(e.statement()).isEqualTo(name);
        assertThat(e.getMessage()).startsWith("sql 只读:「" + name + "」不是只读语句");
    }
}
