package org.investlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.investlake.marts.BuildJob;
import org.investlake.storage.SqlFiles;

/**
 * The peer the gold build is measured against: DuckDB (in memory, in this JVM, one thread per core) running the
 * marts' own SQL ({@code sql/gold/}, through {@link DuckDbDialect}) over the silver tables the warehouse holds, exported once
 * to Parquet with Spark, and the reference views the marts read. Only the marts' queries are timed: each
 * {@code CREATE TABLE gold.MART AS …} in build order. What DuckDB does not do here — Delta commits, change
 * detection, the build log, column comments — is what the comparison leaves out (docs/performance.md).
 */
final class DuckDbPeer {
    private static final Pattern REF_VIEW = Pattern.compile("\\bref_[a-z0-9_]+\\b");
    private static final List<String> SILVER = List.of("stats", "projects", "bonds");

    private final Path dir;

    /** A peer working in {@code dir}: silver/ and ref/ as Parquet in, gold/ as Parquet out. */
    DuckDbPeer(Path dir) {
        this.dir = dir;
    }

    /** How long the marts took in DuckDB, and the rows of each. */
    record Result(double seconds, Map<String, Long> rowsByMart) {}

    /** Writes the current session's silver tables and the reference views the marts read as Parquet (untimed). */
    void export(SparkSession spark) {
        for (String t : SILVER) {
            spark.table("silver." + t)
                    .write()
                    .mode("overwrite")
                    .parquet(dir.resolve("silver").resolve(t).toString());
        }
        for (String view : referenceViews()) {
            spark.table(view)
                    .coalesce(1)
                    .write()
                    .mode("overwrite")
                    .parquet(dir.resolve("ref").resolve(view).toString());
        }
    }

    /** Runs every mart's translation in build order; each result is also written to gold/MART.parquet. */
    Result run() {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            for (String statement : SqlFiles.load("bench/duckdb", "_macros").split(";\\s*(\\n|$)")) {
                if (!statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("CREATE SCHEMA silver");
            s.execute("CREATE SCHEMA gold");
            for (String t : SILVER) {
                s.execute("CREATE VIEW silver." + t + " AS SELECT * FROM read_parquet('" + parquet("silver", t) + "')");
            }
            for (String view : referenceViews()) {
                s.execute("CREATE TABLE " + view + " AS SELECT * FROM read_parquet('" + parquet("ref", view) + "')");
            }
            long start = System.nanoTime();
            for (String mart : BuildJob.MARTS) {
                s.execute("CREATE TABLE gold." + mart + " AS " + DuckDbDialect.translate(SqlFiles.load("gold", mart)));
            }
            double seconds = TimedLoadAndBuild.seconds(System.nanoTime() - start);
            Map<String, Long> rows = new LinkedHashMap<>();
            Files.createDirectories(dir.resolve("gold"));
            for (String mart : BuildJob.MARTS) {
                s.execute("COPY gold." + mart + " TO '" + quoted(gold(mart)) + "' (FORMAT parquet)");
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM gold." + mart)) {
                    r.next();
                    rows.put(mart, r.getLong(1));
                }
            }
            return new Result(seconds, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not run the marts: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write DuckDB's results into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** DuckDB's result for {@code mart}, as written by {@link #run}. */
    Path gold(String mart) {
        return dir.resolve("gold").resolve(mart + ".parquet");
    }

    private String parquet(String kind, String name) {
        return quoted(dir.resolve(kind).resolve(name).resolve("*.parquet"));
    }

    /** A path inside a SQL string literal. */
    private static String quoted(Path p) {
        return p.toString().replace("'", "''");
    }

    /** The ref_* views the marts' SQL reads. */
    private static Set<String> referenceViews() {
        Set<String> views = new TreeSet<>();
        for (String mart : BuildJob.MARTS) {
            Matcher m = REF_VIEW.matcher(SqlFiles.load("gold", mart));
            while (m.find()) {
                views.add(m.group());
            }
        }
        return views;
    }
}
