package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.investlake.SparkTest;
import org.investlake.ingest.LoadJob;
import org.investlake.ingest.StatsFixture;
import org.investlake.marts.BuildJob;
import org.investlake.storage.TableDoc;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over a small warehouse, through Hive JDBC as DBeaver or Superset would connect: the
 * 1-2月 stats fixture ({@link StatsFixture}) loaded and region_growth / sector_growth built before the
 * endpoint starts; 1-3月 loaded by this JVM while it runs, as another process would.
 */
class EndpointTest extends SparkTest {
    @TempDir
    static Path dir;

    static Path root;
    static EndpointFixture endpoint;

    @BeforeAll
    static void loadAndServe() {
        root = dir.resolve("warehouse");
        Warehouse w = warehouse(dir);
        LoadJob.on(w).execute(StatsFixture.february(dir.resolve("in")));
        BuildJob.on(w).marts("region_growth", "sector_growth").execute();
        endpoint = EndpointFixture.start(root);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
            // SIGTERM (Ctrl-C alike): the JVM ends through its shutdown hooks, which stop the server
            assertThat(endpoint.endedOnSigterm()).as("serve ended on SIGTERM").isTrue();
        }
    }

    @Test
    void goldIsReadableWithHandWorkedValues() throws SQLException {
        // 1-2月: 桃城区 10800/10000 = +8.0 vs target 7.5 → gap +0.5, rank 1 of 8.0 > 6.0 > 3.0;
        // 武强县 4120/4000 = +3.0 vs 8.0 → gap −5.0, rank 3; 全市 20220/19000 = +6.4, unranked
        assertThat(query("SELECT region_code, ytd_growth_pct, gap_pp, rank FROM gold.region_growth "
                        + "WHERE period = '2023-02' AND region_code IN ('131100', '131102', '131123') "
                        + "ORDER BY region_code"))
                .containsExactly(
                        List.of("131100", new BigDecimal("6.4"), new BigDecimal("-0.6"), "null"),
                        List.of("131102", new BigDecimal("8.0"), new BigDecimal("0.5"), 1),
                        List.of("131123", new BigDecimal("3.0"), new BigDecimal("-5.0"), 3));
        // the marts not built are simply not there; the built ones and silver are
        assertThat(query("SELECT count(*) FROM silver.stats WHERE period = '2023-02'"))
                .as("3 units + 全市 of the 1-2月 file")
                .containsExactly(List.of(4L));
    }

    @Test
    void schemasTablesAndCommentsAreListed() throws SQLException {
        assertThat(column(query("SHOW SCHEMAS"), 0)).contains("bronze", "silver", "gold", "ops");
        assertThat(column(query("SHOW TABLES IN gold"), 1)).contains("region_growth", "sector_growth");

        Map<String, Object> comments = new LinkedHashMap<>();
        for (List<Object> r : query("DESCRIBE gold.region_growth")) {
            comments.putIfAbsent((String) r.get(0), r.get(2));
        }
        assertThat(comments.get("ytd_growth_pct"))
                .isEqualTo(TableDoc.load("gold", "region_growth")
                        .column("ytd_growth_pct")
                        .orElseThrow()
                        .comment())
                .asString()
                .startsWith("累计增速(%) — ");
        assertThat(query("DESCRIBE TABLE EXTENDED gold.region_growth").stream()
                        .filter(r -> "Comment".equals(r.get(0)))
                        .map(r -> (String) r.get(1))
                        .toList())
                .singleElement()
                .asString()
                .startsWith("各县市区固定资产投资增速与目标对比及排名");
    }

    @Test
    void jdbcMetadataListsTablesAndColumns() throws SQLException {
        try (Connection c = endpoint.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            List<String> remarks = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "gold", "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                    remarks.add(rs.getString("REMARKS"));
                }
            }
            assertThat(tables).contains("region_growth", "sector_growth");
            assertThat(remarks.get(tables.indexOf("region_growth"))).startsWith("各县市区固定资产投资增速");

            Map<String, String> columns = new LinkedHashMap<>();
            try (ResultSet rs = md.getColumns(null, "gold", "region_growth", "%")) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                }
            }
            assertThat(columns)
                    .containsEntry("period", "STRING")
                    .containsEntry("ytd_growth_pct", "DECIMAL(6,1)")
                    .containsEntry("rank", "INT");
        }
    }

    @Test
    void aLoadAfterStartIsSeenByTheNextQuery() throws SQLException {
        try (Connection c = endpoint.connect()) {
            Warehouse w = warehouse(dir); // the test JVM's own session, as another process
            LoadJob.on(w).execute(StatsFixture.march(dir.resolve("in")));
            BuildJob.on(w).marts("region_growth").execute();
            // 1-3月 冀州区 7440/8000 = −7.0, 6.0 before → change −13.0
            assertThat(query(
                            c,
                            "SELECT ytd_growth_pct, change_pp FROM gold.region_growth "
                                    + "WHERE period = '2023-03' AND region_code = '131103'"))
                    .containsExactly(List.of(new BigDecimal("-7.0"), new BigDecimal("-13.0")));
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> endpoint.connect(EndpointFixture.USER, "wrong").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() ->
                        endpoint.connect("nobody", EndpointFixture.PASSWORD).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void writesAreRefusedAndChangeNothing() throws SQLException {
        try (Connection c = endpoint.connect()) {
            List<List<Object>> before = query(c, "DESCRIBE HISTORY gold.sector_growth");
            Map<String, String> writes = Map.of(
                    "DROP TABLE gold.sector_growth", "DROP TABLE",
                    "INSERT INTO gold.sector_growth SELECT * FROM gold.sector_growth", "INSERT",
                    "CREATE TABLE gold.copy AS SELECT * FROM gold.sector_growth", "CREATE TABLE … AS SELECT",
                    "DELETE FROM gold.sector_growth", "DELETE",
                    "RESTORE TABLE gold.sector_growth TO VERSION AS OF 0", "RESTORE");
            for (var write : writes.entrySet()) {
                assertThatThrownBy(() -> query(c, write.getKey()))
                        .as(write.getKey())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("「" + write.getValue() + "」不是只读语句");
            }
            assertThat(query(c, "DESCRIBE HISTORY gold.sector_growth"))
                    .as("no new version")
                    .hasSameSizeAs(before);
            assertThat(column(query(c, "SHOW TABLES IN gold"), 1)).doesNotContain("copy");
            // the client's own session may still move: drivers send USE on connect
            query(c, "USE gold");
            assertThat(query(c, "SELECT count(*) FROM sector_growth")).hasSize(1);
        }
    }

    @Test
    void theUsersFileHoldsNoPasswordAndIsOwnerOnly() throws Exception {
        Path file = Path.of(Accounts.beside(root.toString()).file());
        assertThat(file).isEqualTo(dir.resolve("warehouse.users"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String text = Files.readString(file);
        assertThat(text)
                .contains(EndpointFixture.USER + ":pbkdf2-sha256:600000:")
                .doesNotContain(EndpointFixture.PASSWORD);
    }

    @Test
    void noAuthOnAPublicAddressIsRefused() throws Exception {
        EndpointFixture.Finished refused = EndpointFixture.run(root, List.of("--no-auth", "--bind", "0.0.0.0"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output())
                .contains("--no-auth 只能用于本机地址")
                .contains("investlake users add NAME")
                .doesNotContain("Exception");
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = endpoint.connect()) {
            return query(c, sql);
        }
    }

    static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? "null" : v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static List<Object> column(List<List<Object>> rows, int i) {
        return rows.stream().map(r -> r.get(i)).toList();
    }
}
