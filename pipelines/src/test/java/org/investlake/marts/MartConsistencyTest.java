package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.investlake.SparkTest;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.sample.SampleGenerator;
import org.investlake.storage.TableDoc;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants of the gold marts on the realistic 2023 sample (SampleGenerator), loading only May's
 * project and bond exports and the 1-5月 by-region statistics (all three CSV) to keep the class fast:
 * the 全市 rows add up the regions, the scorecard ranks are consistent with the totals, and every gold
 * table and column is documented.
 */
class MartConsistencyTest extends SparkTest {
    @TempDir
    static Path dir;

    static Warehouse w;

    @BeforeAll
    static void loadAndBuild() {
        Path sample = dir.resolve("sample");
        SampleGenerator.forYear(2023).writeTo(sample);
        w = warehouse(dir);
        List<Path> files = List.of(
                sample.resolve("projects/2023年5月省市重点项目调度表.csv"),
                sample.resolve("bonds/2023年5月专项债券项目进展.csv"),
                sample.resolve("stats/2023年1-5月各县市区固定资产投资.csv"));
        // one batch, as `run --inbox` loads them
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(w)).execute(files, step -> {});
        assertThat(results).as("one result per file").hasSize(files.size());
        for (FileLoadResult r : results) {
            // the sample plants a few bad rows in some months: they would be quarantined and the rest loaded
            assertThat(r.status())
                    .as("load of %s: %s", r.file(), r.reasons())
                    .isIn(FileLoadResult.Status.LOADED, FileLoadResult.Status.PARTIAL);
            assertThat(r.rowsLoaded()).as("rows of %s loaded", r.file()).isPositive();
        }
        BuildJob.on(w).execute();
    }

    @BeforeEach
    void registerThisWarehouse() {
        w = warehouse(dir); // other test classes may have pointed the table names elsewhere
    }

    @Test
    void keyProjectCityRowIsTheSumOfItsRegions() {
        List<Row> diff = spark().sql("""
        SELECT c.period, c.projects, s.projects, c.started, s.started, c.planned_starts, s.planned_starts,
               c.planned_started, s.planned_started, c.annual_plan_wan, s.annual_plan_wan,
               c.completed_ytd_wan, s.completed_ytd_wan
        FROM (SELECT * FROM gold.key_project_progress WHERE region_code = '131100') AS c
        FULL JOIN (SELECT period, sum(projects) AS projects, sum(started) AS started,
                          sum(planned_starts) AS planned_starts, sum(planned_started) AS planned_started,
                          sum(annual_plan_wan) AS annual_plan_wan, sum(completed_ytd_wan) AS completed_ytd_wan
                   FROM gold.key_project_progress WHERE region_code <> '131100' GROUP BY period) AS s
          ON s.period = c.period
        WHERE c.period IS NULL OR s.period IS NULL OR c.projects <> s.projects OR c.started <> s.started
           OR c.planned_starts <> s.planned_starts OR c.planned_started <> s.planned_started
           OR c.annual_plan_wan <> s.annual_plan_wan OR c.completed_ytd_wan <> s.completed_ytd_wan
        """).collectAsList();
        assertThat(diff)
                .as("全市 rows of key_project_progress that differ from the sum of the regions")
                .isEmpty();
        assertThat(spark().sql("SELECT projects FROM gold.key_project_progress WHERE period = '2023-05' "
                                + "AND region_code = '131100'")
                        .first()
                        .getInt(0))
                .as("key projects in May")
                .isPositive();
        // the 14 regions besides 全市 (13 units and 市本级) each have their row
        assertThat(spark().sql("SELECT count(*) FROM gold.key_project_progress WHERE period = '2023-05'")
                        .first()
                        .getLong(0))
                .as("rows of May")
                .isEqualTo(15L);
    }

    @Test
    void bondCityRowIsTheSumOfItsRegions() {
        List<Row> diff = spark().sql("""
        SELECT c.period, c.projects, s.projects, c.started, s.started, c.bond_amount_wan, s.bond_amount_wan,
               c.annual_plan_wan, s.annual_plan_wan, c.completed_ytd_wan, s.completed_ytd_wan,
               c.bond_spent_wan, s.bond_spent_wan
        FROM (SELECT * FROM gold.bond_progress WHERE region_code = '131100') AS c
        FULL JOIN (SELECT period, sum(projects) AS projects, sum(started) AS started,
                          sum(bond_amount_wan) AS bond_amount_wan, sum(annual_plan_wan) AS annual_plan_wan,
                          sum(completed_ytd_wan) AS completed_ytd_wan, sum(bond_spent_wan) AS bond_spent_wan
                   FROM gold.bond_progress WHERE region_code <> '131100' GROUP BY period) AS s
          ON s.period = c.period
        WHERE c.period IS NULL OR s.period IS NULL OR c.projects <> s.projects OR c.started <> s.started
           OR c.bond_amount_wan <> s.bond_amount_wan OR c.annual_plan_wan <> s.annual_plan_wan
           OR c.completed_ytd_wan <> s.completed_ytd_wan OR c.bond_spent_wan <> s.bond_spent_wan
        """).collectAsList();
        assertThat(diff)
                .as("全市 rows of bond_progress that differ from the sum of the regions")
                .isEmpty();
        assertThat(spark().sql(
                                "SELECT count(*) FROM gold.bond_progress WHERE period = '2023-05' AND region_code = '131100'")
                        .first()
                        .getLong(0))
                .as("the 全市 bond row of May")
                .isEqualTo(1L);
    }

    @Test
    void scorecardRanksAreConsistentWithTotals() {
        List<Row> rows = spark().sql("SELECT period, region_code, total_score, rank FROM gold.region_scorecard "
                        + "WHERE period = '2023-05' ORDER BY rank")
                .collectAsList();
        assertThat(rows).as("the 13 units of May").hasSize(13);
        assertThat(rows)
                .as("every unit has a total in May")
                .allSatisfy(r -> assertThat(r.isNullAt(2)).isFalse());
        // every rank is 1 + the number of units with a strictly higher total (equal totals share a rank)
        for (Row r : rows) {
            long higher = rows.stream()
                    .filter(o -> o.getDecimal(2).compareTo(r.getDecimal(2)) > 0)
                    .count();
            assertThat(r.getInt(3))
                    .as("rank of %s (total %s)", r.getString(1), r.getDecimal(2))
                    .isEqualTo(1 + (int) higher);
        }
        long distinct = rows.stream()
                .map(r -> r.getDecimal(2).stripTrailingZeros())
                .distinct()
                .count();
        if (distinct == 13) {
            assertThat(rows.stream().map(r -> r.getInt(3)).toList())
                    .as("ranks of distinct totals")
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 13).boxed().toList());
        }
    }

    @Test
    void everyTableAndColumnCarriesTheCommentOfItsYml() {
        List<String> tables = w.tables();
        // what this warehouse holds after loading three feeds and building (ops.dq_results and
        // ops.quarantine appear with the first rule that fires: May's files break none); every
        // table there is, of every layer, is checked below
        List<String> expected = new ArrayList<>(List.of(
                "bronze.bonds",
                "bronze.projects",
                "bronze.stats",
                "silver.bonds",
                "silver.projects",
                "silver.stats",
                "ops.build_log",
                "ops.load_log"));
        BuildJob.MARTS.forEach(m -> expected.add("gold." + m));
        assertThat(tables).containsAll(expected);

        List<String> problems = new ArrayList<>();
        for (String table : tables) {
            String[] parts = table.split("\\.");
            TableDoc doc = TableDoc.load(parts[0], parts[1]);
            String comment = spark().sql("DESCRIBE TABLE EXTENDED " + table).collectAsList().stream()
                    .filter(r -> "Comment".equals(r.getString(0)))
                    .map(r -> r.getString(1))
                    .findFirst()
                    .orElse(null);
            if (isBlank(doc.description()) || !doc.tableComment().equals(comment)) {
                problems.add(table + ": table comment «" + comment + "», its yml says «" + doc.tableComment() + "»");
            }
            List<String> columns = new ArrayList<>();
            for (StructField f : spark().table(table).schema().fields()) {
                columns.add(f.name());
                String actual = f.metadata().contains("comment") ? f.metadata().getString("comment") : null;
                TableDoc.Column c = doc.column(f.name()).orElse(null);
                if (c == null || isBlank(c.label()) || isBlank(c.description())) {
                    problems.add(table + "." + f.name() + ": no label and description in its yml");
                } else if (!c.comment().equals(actual)) {
                    // a column added later (schema evolution) keeps no comment unless the writer sets it
                    problems.add(
                            table + "." + f.name() + ": comment «" + actual + "», its yml says «" + c.comment() + "»");
                }
            }
            doc.columns().stream()
                    .map(TableDoc.Column::name)
                    .filter(n -> !columns.contains(n))
                    .forEach(n -> problems.add(table + "." + n + ": documented in its yml but not in the table"));
        }
        assertThat(problems)
                .as("tables and columns whose comment is missing or not the one in sql/LAYER/TABLE.yml")
                .isEmpty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
