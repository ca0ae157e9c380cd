package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One export table written twice as it goes, to {@code out/csv/FEED/NAME.csv} and {@code
 * out/parquet/FEED/NAME.parquet}: the same rows in both, each folder a complete inbox of its own.
 */
final class CsvAndParquet implements RowSink {
    private final CsvRowSink csv;
    private final ParquetRowSink parquet;

    private CsvAndParquet(CsvRowSink csv, ParquetRowSink parquet) {
        this.csv = csv;
        this.parquet = parquet;
    }

    static CsvAndParquet open(Path out, String feed, String name, List<Column> columns) throws IOException {
        CsvRowSink csv = new CsvRowSink(out.resolve("csv").resolve(feed).resolve(name + ".csv"), columns);
        try {
            return new CsvAndParquet(
                    csv, new ParquetRowSink(out.resolve("parquet").resolve(feed).resolve(name + ".parquet"), columns));
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    @Override
    public void row(Object... cells) throws IOException {
        csv.row(cells);
        parquet.row(cells);
    }

    @Override
    public List<Path> paths() {
        return List.of(csv.paths().get(0), parquet.paths().get(0));
    }

    @Override
    public void close() throws IOException {
        try {
            csv.close();
        } finally {
            parquet.close();
        }
    }
}
