package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A Parquet export: its column names are the header row, every value is read as text. */
final class ParquetGridReader implements GridReader {
    private final SparkSession spark;

    ParquetGridReader(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public Grid read(InputFile file) throws FileRejectedException {
        if (file.large()) {
            List<Grid.Row> rows = new ArrayList<>();
            try (RowStream stream = stream(file, spark)) {
                stream.forEachRemaining(rows::add);
            }
            return new Grid(rows, "parquet", "parquet");
        }
        try {
            // Spark reads from a path; the bytes already read are the delivery, so read a private copy.
            Path copy = Files.createTempFile("investlake-", ".parquet");
            try {
                Files.write(copy, file.bytes());
                Dataset<Row> df = spark.read().parquet(copy.toUri().toString());
                List<Grid.Row> rows = new ArrayList<>();
                rows.add(new Grid.Row(1, List.of(df.columns())));
                int n = 2;
                for (Row r : df.collectAsList()) {
                    rows.add(row(n++, r));
                }
                return new Grid(rows, "parquet", "parquet");
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | RuntimeException e) {
            throw new FileRejectedException(
                    "parquet_valid",
                    file.name() + ": 无法作为 Parquet 文件读取(" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A large Parquet file row by row: Spark reads it where it lies and hands the rows over one partition at a
     * time (in file order), so the driver never holds the whole file.
     */
    static RowStream stream(InputFile file, SparkSession spark) throws FileRejectedException {
        Dataset<Row> df;
        Iterator<Row> rows;
        try {
            // a plain path: Hadoop takes a URI's %-escapes (of a Chinese name) literally
            df = spark.read().parquet(file.path().toAbsolutePath().toString());
            rows = df.toLocalIterator();
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
