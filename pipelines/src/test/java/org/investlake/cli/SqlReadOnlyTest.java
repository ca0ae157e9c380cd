package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.investlake.SparkTest;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.marts.BuildJob;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sql` reads and never writes: a writing statement is refused (exit 2) before it runs. */
class SqlReadOnlyTest extends SparkTest {
    @TempDir
    Path dir;

    private CliRun sql(String statement, String... options) {
        String[] args = new String[2 + options.length];
        args[0] = "sql";
        args[1] = statement;
        System.arraycopy(options, 0, args, 2, options.length);
        return CliRun.in(dir.resolve("warehouse"), args);
    }

    private static long count(String table) {
        return spark().sql("SELECT count(*) FROM " + table).first().getLong(0);
    }

    @Test
    void writingStatementsAreRefusedAndChangeNothingWhileReadsStillWork() {
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        TableVersions versions = new TableVersions(w);
        long february = versions.current("silver", "stats");
        LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
        BuildJob.on(w).marts("region_growth").execute();

        long growthRows = count("gold.region_growth");
        long growthVersion = versions.current("gold", "region_growth");
        long silverVersion = versions.current("silver", "stats");
        assertThat(growthRows).isPositive();

        // statement → how the refusal names it
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("DROP TABLE gold.region_growth", "DROP TABLE");
        writes.put("INSERT INTO gold.region_growth SELECT * FROM gold.region_growth", "INSERT");
        writes.put(
                "WITH x AS (SELECT * FROM gold.region_growth) INSERT INTO gold.region_growth SELECT * FROM x",
                "INSERT");
        writes.put("DELETE FROM gold.region_growth WHERE period = '2023-03'", "DELETE");
        writes.put("UPDATE gold.region_growth SET period = '2023-12'", "UPDATE");
        writes.put(
                "MERGE INTO gold.region_growth t USING gold.region_growth s ON t.period = s.period "
                        + "WHEN MATCHED THEN DELETE",
                "MERGE");
        writes.put(
                "CREATE TABLE gold.copy USING delta AS SELECT * FROM gold.region_growth", "CREATE TABLE … AS SELECT");
        writes.put("CREATE TABLE gold.empty (a INT) USING delta", "CREATE TABLE");
        writes.put("RESTORE TABLE gold.region_growth TO VERSION AS OF 0", "RESTORE");
        writes.put("OPTIMIZE gold.region_growth", "OPTIMIZE");
        writes.put("VACUUM gold.region_growth RETAIN 0 HOURS", "VACUUM");
        writes.put(
                "ALTER TABLE gold.region_growth SET TBLPROPERTIES ('delta.appendOnly' = 'true')",
                "ALTER TABLE … SET TBLPROPERTIES");
        writes.put("TRUNCATE TABLE gold.region_growth", "TRUNCATE TABLE");
        writes.put(
                "INSERT OVERWRITE DIRECTORY '" + dir.resolve("out") + "' SELECT * FROM gold.region_growth",
                "INSERT OVERWRITE DIRECTORY");
        writes.put("drop table silver.stats", "DROP TABLE");
        writes.put("SET spark.databricks.delta.retentionDurationCheck.enabled = false", "SET");
        for (Map.Entry<String, String> e : writes.entrySet()) {
            CliRun run = sql(e.getKey());
            assertThat(run.code()).as(e.getKey() + ": " + run.err()).isEqualTo(Main.USAGE);
            assertThat(run.out()).as(e.getKey()).isEmpty();
            assertThat(run.err().lines().toList())
                    .as(e.getKey())
                    .containsExactly("investlake: sql 只读:「" + e.getValue() + "」不是只读语句(会修改仓库或会话),未执行。"
                            + "回退一张表用 `investlake restore TABLE --version N`,重新入库用 `investlake load FILE`,"
                            + "重算汇总表用 `investlake build`;sql 只接受查询、DESCRIBE、SHOW 和 EXPLAIN。");
        }
        assertThat(count("gold.region_growth")).as("rows unchanged").isEqualTo(growthRows);
        assertThat(versions.current("gold", "region_growth"))
                .as("no new version")
                .isEqualTo(growthVersion);
        assertThat(versions.current("silver", "stats")).isEqualTo(silverVersion);
        assertThat(w.exists("gold", "copy")).isFalse();
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(spark().catalog().tableExists("gold.empty")).isFalse();
        assertThat(spark().sql("SHOW TBLPROPERTIES gold.region_growth")
                        .where("key = 'delta.appendOnly'")
                        .count())
                .isZero();

        // February's 4 rows (桃城区, 冀州区, 武强县, 全市) and March's 4 (its fixture has the same 4 regions)
        CliRun select = sql("SELECT count(*) AS n FROM silver.stats", "--format", "csv");
        assertThat(select.code()).as(select.err()).isZero();
        assertThat(select.out().lines()).containsExactly("n", "8");
        CliRun asOf = sql("SELECT count(*) AS n FROM silver.stats VERSION AS OF " + february, "--format", "csv");
        assertThat(asOf.out().lines()).as(asOf.err()).containsExactly("n", "4");
        CliRun with = sql(
                "WITH m AS (SELECT DISTINCT period FROM silver.stats) SELECT count(*) AS n FROM m", "--format", "csv");
        assertThat(with.out().lines()).as(with.err()).containsExactly("n", "2");
        CliRun describe = sql("DESCRIBE gold.region_growth", "--format", "csv");
        assertThat(describe.code()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("period,");
        CliRun history = sql("DESCRIBE HISTORY silver.stats", "--format", "csv");
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("MERGE");
        CliRun tables = sql("SHOW TABLES IN gold", "--format", "csv");
        assertThat(tables.code()).as(tables.err()).isZero();
        assertThat(tables.out()).contains("region_growth");
        CliRun explain = sql("EXPLAIN SELECT * FROM gold.region_growth");
        assertThat(explain.code()).as(explain.err()).isZero();
        CliRun showSetting = sql("SET spark.sql.session.timeZone");
        assertThat(showSetting.code()).as(showSetting.err()).isZero();
    }
}
