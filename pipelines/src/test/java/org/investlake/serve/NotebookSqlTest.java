package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.investlake.SparkTest;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SQL statement of every notebook in {@code notebooks/} runs through the SQL endpoint ({@code investlake
 * serve}, over Hive JDBC as the notebooks' PyHive driver connects) over {@link AnalystWarehouse} and returns rows,
 * so a notebook cannot go stale when a table or a column changes. {@link StatementRunner#spark} runs the same
 * statements in-process behind the same guard, for a quick look without an endpoint.
 */
class NotebookSqlTest extends SparkTest {
    /** Runs one statement as the analyst's client would and says how many rows came back. */
    @FunctionalInterface
    interface StatementRunner {
        long rows(String sql) throws Exception;

        /** Through the session's catalog, refused by the same guard as the endpoint refuses with. */
        static StatementRunner spark(Warehouse w) {
            return sql -> {
                ReadOnlyGuard.check(w.spark(), sql);
                return w.spark().sql(sql).count();
            };
        }

        /** Through a JDBC connection to the endpoint, as JupySQL's PyHive driver sends it. */
        static StatementRunner jdbc(Connection c) {
            return sql -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    long n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    return n;
                }
            };
        }
    }

    static Path dir;
    static EndpointFixture endpoint;
    static Connection connection;

    @BeforeAll
    static void serveTheAnalystWarehouse() throws SQLException {
        dir = AnalystWarehouse.shared(SparkTest::warehouse);
        endpoint = EndpointFixture.start(dir.resolve("warehouse"));
        connection = endpoint.connect();
    }

    @AfterAll
    static void stopServing() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** The seam: a Hive JDBC connection to {@code investlake serve} over {@link AnalystWarehouse}, as JupySQL's. */
    private static StatementRunner runner() {
        return StatementRunner.jdbc(connection);
    }

    static Path notebooksDir() {
        Path p = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("notebooks"))) {
            p = p.getParent();
        }
        assertThat(p).as("a notebooks/ folder above the working directory").isNotNull();
        return p.resolve("notebooks");
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(notebooksDir())) {
            return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookStatementReturnsRows() throws IOException {
        StatementRunner runner = runner();
        List<NotebookSql.Statement> all = new ArrayList<>();
        for (Path nb : notebooks()) {
            all.addAll(NotebookSql.read(nb));
        }
        assertThat(all).as("SQL statements in the notebooks").hasSizeGreaterThan(10);
        return all.stream()
                .map(s -> DynamicTest.dynamicTest(
                        s.toString(),
                        () -> assertThat(runner.rows(s.sql()))
                                .as("rows of %s%n%s", s, s.sql())
                                .isPositive()));
    }

    /** Every row of a query through the endpoint, each row its cells as text, for comparing with hand-worked values. */
    private static List<List<String>> query(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The seven marts read through the endpoint over Hive JDBC carry the values worked out by hand from
     * {@link AnalystWarehouse} (its class comment has the fixture), 1-4月 after the correction.
     */
    @Test
    void everyGoldMartThroughTheEndpointHasTheHandWorkedValues() throws SQLException {
        // growth 9.5 > 7.2 > 6.0 > −2.0 ranks 桃城区, 景县, 武强县, 冀州区; 景县 gap 7.2 − 7.0 = 0.2, change 7.2 − 8.5 = −1.3
        assertThat(query("SELECT region_name, ytd_growth_pct, gap_pp, change_pp, rank FROM gold.region_growth "
                        + "WHERE period = '2023-04' AND rank IS NOT NULL ORDER BY rank"))
                .containsExactly(
                        List.of("桃城区", "9.5", "2.0", "-0.5", "1"),
                        List.of("景县", "7.2", "0.2", "-1.3", "2"),
                        List.of("武强县", "6.0", "-2.0", "1.0", "3"),
                        List.of("冀州区", "-2.0", "-9.0", "5.0", "4"));
        // 工业 9.1 against its target 7: gap 2.1
        assertThat(query("SELECT ytd_growth_pct, gap_pp FROM gold.sector_growth WHERE period = '2023-04' "
                        + "AND sector_code = 'industry'"))
                .containsExactly(List.of("9.1", "2.1"));
        // key projects are P1..P5 (P6 is 一般): 5; 全市 growth 5.6 after the correction
        assertThat(query("SELECT kpi_code, actual FROM gold.city_kpis WHERE period = '2023-04' "
                        + "AND kpi_code IN ('fai_growth', 'key_project_count') ORDER BY kpi_code"))
                .containsExactly(List.of("fai_growth", "5.60"), List.of("key_project_count", "5.00"));
        // 景县's key projects P4 and P5: plan 9000 + 12000 = 21000, done 2000 + 0 → 2000 / 21000 = 0.0952…;
        // 桃城区's only key project P1: 16000 / 40000 = 0.4
        assertThat(query("SELECT region_name, projects, round(completion_rate, 4) FROM gold.key_project_progress "
                        + "WHERE period = '2023-04' AND region_code IN ('131102', '131127') ORDER BY region_code"))
                .containsExactly(List.of("桃城区", "1", "0.4"), List.of("景县", "2", "0.0952"));
        // B1 桃城区 started, done 2000 of plan 8000 = 0.25; B2 景县 not started, 300 of 4000 = 0.075
        assertThat(query("SELECT region_name, started, start_rate, completion_rate FROM gold.bond_progress "
                        + "WHERE period = '2023-04' AND region_code IN ('131102', '131127') ORDER BY region_code"))
                .containsExactly(List.of("桃城区", "1", "1.0", "0.25"), List.of("景县", "0", "0.0", "0.075"));
        // P1's leader and responsible unit, as the project library gave them
        assertThat(query("SELECT leader, responsible_unit FROM gold.project_watchlist WHERE period = '2023-04' "
                        + "AND project_code = '2301-131102-04-01-610001'"))
                .containsExactly(List.of("王市长", "桃城区发改局"));
        // the scorecard ranks units of 1-4月, every ranked one with a total score
        assertThat(query("SELECT count(*) FROM gold.region_scorecard WHERE period = '2023-04' AND rank IS NOT NULL "
                        + "AND total_score IS NULL"))
                .containsExactly(List.of("0"));
    }

    @Test
    void notebooksAreTheFiveQuestionsCommittedWithoutOutputs() throws IOException {
        List<Path> nbs = notebooks();
        assertThat(nbs.stream().map(p -> p.getFileName().toString()))
                .as("one notebook per question, in reading order")
                .hasSize(5)
                .allMatch(n -> n.matches("0[1-5]_[a-z_]+\\.ipynb"));
        ObjectMapper json = new ObjectMapper();
        for (Path nb : nbs) {
            JsonNode root = json.readTree(nb.toFile());
            assertThat(root.path("nbformat").asInt()).as("%s nbformat", nb).isEqualTo(4);
            List<String> sources = new ArrayList<>();
            for (JsonNode cell : root.path("cells")) {
                sources.add(NotebookSql.source(cell));
                if ("code".equals(cell.path("cell_type").asText())) {
                    assertThat(cell.path("outputs"))
                            .as("outputs committed in %s", nb)
                            .isEmpty();
                    assertThat(cell.path("execution_count").isNull())
                            .as("execution count in %s", nb)
                            .isTrue();
                }
            }
            assertThat(String.join("\n", sources))
                    .as("%s connects through JupySQL", nb)
                    .contains("%load_ext sql")
                    .containsPattern("(?m)^%sql ");
            assertThat(NotebookSql.read(nb)).as("SQL of %s", nb).isNotEmpty();
        }
        assertThat(Files.readString(notebooksDir().resolve("requirements.txt")))
                .contains("jupysql", "pyhive[hive_pure_sasl]", "pandas", "matplotlib");
    }

    @Test
    void extractsCellsLinesAndSavedResultsAndSkipsConnections() throws IOException {
        JsonNode nb = new ObjectMapper().readTree("""
                {"cells": [
                  {"cell_type": "markdown", "source": ["%%sql\\n", "SELECT 'not code'"]},
                  {"cell_type": "code", "source": ["%load_ext sql\\n", "%sql engine\\n",
                     "%sql hive://ana:pw@127.0.0.1:10000/default?auth=CUSTOM\\n", "%sql --connections"]},
                  {"cell_type": "code", "source": "\\n%%sql ranking <<\\nSELECT 1; -- the first; of two\\nSELECT ';' AS s;\\n"},
                  {"cell_type": "code", "source": ["df = %sql SELECT 2\\n", "plot(df)\\n", "%sql trend << SELECT 3"]}
                ]}""");
        assertThat(NotebookSql.read("t.ipynb", nb).stream().map(s -> s.cell() + " " + s.sql()))
                .containsExactly("3 SELECT 1", "3 -- the first; of two\nSELECT ';' AS s", "4 SELECT 2", "4 SELECT 3");
    }

    @Test
    void refusesTemplatedQueries() throws IOException {
        for (String sql : List.of("SELECT * FROM gold.region_growth WHERE period = '{{period}}'", "SELECT :period")) {
            JsonNode nb = new ObjectMapper()
                    .createObjectNode()
                    .set(
                            "cells",
                            new ObjectMapper()
                                    .createArrayNode()
                                    .add(new ObjectMapper()
                                            .createObjectNode()
                                            .put("cell_type", "code")
                                            .put("source", "%%sql\n" + sql)));
            assertThatThrownBy(() -> NotebookSql.read("t.ipynb", nb))
                    .hasMessageContaining("keep notebook queries literal");
        }
        JsonNode literal = new ObjectMapper()
                .readTree("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"%sql SELECT '10:15' AS t\"}]}");
        assertThat(NotebookSql.read("t.ipynb", literal)).hasSize(1);
    }
}
