package org.investlake.ingest;

/** Reads one delivered file into a {@link Grid}; one implementation per file format. */
public interface GridReader {
    Grid read(InputFile file) throws FileRejectedException;

    /** The reader for the file's extension: csv (and txt), xlsx and xls, parquet (read where it lies). */
    static GridReader forFile(InputFile file, org.apache.spark.sql.SparkSession spark) throws FileRejectedException {
        return forFile(file, spark, null);
    }

    /**
     * The reader for the file's extension; a Parquet file is copied into {@code scratch} (a folder under the
     * warehouse) first when Spark runs on a cluster, whose executors cannot read the driver's disk.
     */
    static GridReader forFile(InputFile file, org.apache.spark.sql.SparkSession spark, String scratch)
            throws FileRejectedException {
        return switch (file.extension()) {
            case "csv", "txt" -> new CsvGridReader();
            case "xlsx", "xlsm", "xls" -> new WorkbookGridReader();
            case "parquet" -> new ParquetGridReader(spark, scratch);
            default ->
                throw new FileRejectedException(
                        "format_supported",
                        file.name() + ": 不支持的文件类型 ." + file.extension() + "(支持 .csv、.xlsx、.xls、.parquet)");
        };
    }
}
