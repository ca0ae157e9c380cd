package org.investlake.ingest;

import java.util.Iterator;

/**
 * A delivered file's rows one at a time, in file order, for a file too large to hold as a {@link Grid}. Reading
 * may fail midway (a broken quote, a byte invalid in the file's encoding): {@link #next} then throws a {@link
 * java.io.UncheckedIOException} or {@link IllegalStateException}, which {@link LargeFileStager} reports with the
 * row reached.
 */
interface RowStream extends Iterator<Grid.Row>, AutoCloseable {
    /** As {@link Grid#encoding()}: UTF-8, UTF-8-BOM, GBK, or parquet. */
    String encoding();

    /** As {@link Grid#format()}: csv or parquet. */
    String format();

    @Override
    void close();

    /**
     * The stream for a large file's format (CSV or Parquet; workbooks are always held whole), ending after {@code
     * maxRows} rows, the header among them (0: at the end of the file). {@code scratch} is the load's scratch
     * folder, where a Parquet file is copied for a cluster's executors.
     */
    static RowStream open(InputFile file, org.apache.spark.sql.SparkSession spark, String scratch, int maxRows)
            throws FileRejectedException {
        return switch (file.extension()) {
            case "csv", "txt" -> CsvGridReader.stream(file, maxRows);
            case "parquet" -> ParquetGridReader.stream(file, spark, scratch, maxRows);
            default -> throw new IllegalArgumentException("not a streamed format: " + file.name());
        };
    }
}
