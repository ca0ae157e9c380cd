package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        cells.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
                    }
                    rows.add(new Grid.Row(n++, cells));
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
}
