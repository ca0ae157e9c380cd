package org.investlake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet export: its column names are the header row, every value is read as text. Spark reads it; on a
 * cluster its executors cannot see the driver's disk, where the delivered file lies, so the file is first copied
 * into the load's scratch folder on the warehouse's file system.
 */
final class ParquetGridReader implements GridReader {
    private final SparkSession spark;
    private final String scratch;

    /**
     * {@code scratch}: the load's scratch folder under the warehouse ({@code LargeFileStager.scratch}), where the
     * file is copied when Spark runs on a cluster; null to read it where it lies (a local master).
     */
    ParquetGridReader(SparkSession spark, String scratch) {
        this.spark = spark;
        this.scratch = scratch;
    }

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        if (file.large()) {
            List<Grid.Row> rows = new ArrayList<>();
            try (RowStream stream = stream(file, spark, scratch, 0)) { // a statistics table: rows compared whole
                stream.forEachRemaining(rows::add);
            }
            return new Grid(rows, "parquet", "parquet");
        }
        if (onCluster(spark, scratch)) {
            String copy = copyForExecutors(file, spark, scratch + ".parquet");
            try {
                return collect(file, copy);
            } finally {
                deleteQuietly(copy, spark);
            }
        }
        try {
            // Spark reads from a path; the bytes already read are the delivery, so read a private copy.
            Path copy = Files.createTempFile("investlake-", ".parquet");
            try {
                Files.write(copy, file.bytes());
                return collect(file, copy.toUri().toString());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The whole file as a grid, read by Spark from {@code location}. */
    private Grid collect(InputFile file, String location) throws FileRejectedException {
        try {
            Dataset<Row> df = spark.read().parquet(location);
            List<Grid.Row> rows = new ArrayList<>();
            rows.add(new Grid.Row(1, List.of(df.columns())));
            int n = 2;
            for (Row r : df.collectAsList()) {
                rows.add(row(n++, r));
            }
            return new Grid(rows, "parquet", "parquet");
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static FileRejectedException unreadable(InputFile file, Exception e) {
        return new FileRejectedException(
                "parquet_valid",
                file.name() + ": 无法作为 Parquet 文件读取(" + e.getClass().getSimpleName() + ")");
    }

    /** Spark runs on a cluster, whose executors do not see the driver's disk (and the caller gave a scratch folder). */
    private static boolean onCluster(SparkSession spark, String scratch) {
        return scratch != null && !spark.sparkContext().isLocal();
    }

    /**
     * Copies the delivered file to {@code target} on the warehouse's file system, unless a copy is there already
     * (a large file is opened twice: for its first rows, then to stage it); returns {@code target}.
     */
    private static String copyForExecutors(InputFile file, SparkSession spark, String target) {
        org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(target);
        try {
            FileSystem fs = to.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(to)) {
                try (InputStream in = file.open();
                        OutputStream out = fs.create(to, true)) {
                    in.transferTo(out);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy " + file.name() + " to " + target + " for the cluster's executors: " + e.getMessage(),
                    e);
        }
    }

    private static void deleteQuietly(String location, SparkSession spark) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, false);
        } catch (IOException e) {
            // scratch space left behind, not data
        }
    }

    /**
     * A large Parquet file row by row: Spark reads it where it lies and hands the rows over one partition at a
     * time (in file order), so the driver never holds the whole file. It ends after {@code maxRows} rows, the
     * header (the column names) among them (0: at the end of the file). The limit is a Spark {@code LIMIT}, not
     * the caller stopping early: a file of one row group is one partition, whose first rows would otherwise cost
     * reading all of a million-row export.
     */
    static RowStream stream(InputFile file, SparkSession spark, String scratch, int maxRows)
            throws FileRejectedException {
        // on a cluster, a copy the executors can read, in the load's scratch folder (removed with it after the load)
        String where = onCluster(spark, scratch)
                ? copyForExecutors(file, spark, scratch + "/delivered/" + file.sha256() + ".parquet")
                // a plain path: Hadoop takes a URI's %-escapes (of a Chinese name) literally
                : file.path().toAbsolutePath().toString();
        Dataset<Row> df;
        Iterator<Row> rows;
        try {
            df = spark.read().parquet(where);
            rows = maxRows > 0 ? df.limit(maxRows - 1).collectAsList().iterator() : df.toLocalIterator();
        } catch (RuntimeException e) {
            throw new FileRejectedException(
                    "parquet_valid",
                    file.name() + ": 无法作为 Parquet 文件读取(" + e.getClass().getSimpleName() + ")");
        }
        Grid.Row header = new Grid.Row(1, List.of(df.columns()));
        return new RowStream() {
            private int n = 1;

            @Override
            public boolean hasNext() {
                return n == 1 || rows.hasNext();
            }

            @Override
            public Grid.Row next() {
                if (n == 1) {
                    n++;
                    return header;
                }
                Row r;
                try {
                    r = rows.next();
                } catch (RuntimeException e) {
                    // reported by the stager as an unreadable file, with the row reached
                    throw new IllegalStateException(e.getClass().getSimpleName(), e);
                }
                return row(n++, r);
            }

            @Override
            public String encoding() {
                return "parquet";
            }

            @Override
            public String format() {
                return "parquet";
            }

            @Override
            public void close() {}
        };
    }

    /** A Parquet row as text cells, as the file's reader shows them (an empty cell for null). */
    private static Grid.Row row(int number, Row r) {
        List<String> cells = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            cells.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
        }
        return new Grid.Row(number, cells);
    }
}
