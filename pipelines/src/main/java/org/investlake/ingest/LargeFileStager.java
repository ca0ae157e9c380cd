package org.investlake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.TableDoc;
import org.investlake.storage.Warehouse;

/**
 * Stages a file too large to hold ({@link InputFile#large()}): its first rows are read as a small grid to find
 * the feed and the layout, then the whole file streams past once — each row staged exactly as a held file's row
 * ({@link RowStager}), summed ({@link DataSummary}) and fingerprinted ({@link ContentFingerprint}) — and its bronze
 * and staged rows are written row by row as Parquet under the warehouse's {@code _staging/LOAD_ID/} ({@link
 * ScratchParquetWriter}, no Spark job; encoded on threads of their own, {@link BackgroundParquetWriter}), where the
 * load's checks and writes read them with Spark. Memory holds a row group of each part file and a few thousand
 * rows handed over, whatever the file's size.
 */
final class LargeFileStager {
    /** Enough rows for any title, unit line and header the layout detector looks for. */
    static final int HEAD_ROWS = 200;

    private LargeFileStager() {}

    /** The file's first rows, for finding its feed and layout; {@code scratch} as for {@link RowStream#open}. */
    static Grid head(InputFile file, SparkSession spark, String scratch) throws FileRejectedException {
        try (RowStream stream = RowStream.open(file, spark, scratch, HEAD_ROWS)) {
            List<Grid.Row> rows = new ArrayList<>();
            stream.forEachRemaining(rows::add);
            return new Grid(rows, stream.encoding(), stream.format());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(file, "文件开头", e);
        }
    }

    /** Streams the whole file through {@code stager}; the fingerprint of its content goes to {@code digest}. */
    static RowStager.Staged stage(
            Warehouse warehouse,
            InputFile file,
            FeedSchema schema,
            FileLayout layout,
            String loadId,
            Timestamp loadedAt,
            ContentFingerprint.Digest digest)
            throws FileRejectedException {
        SparkSession spark = warehouse.spark();
        String dir = scratch(warehouse, loadId);
        RowStager.Staged.Stored stored = new RowStager.Staged.Stored(dir + "/bronze", dir + "/staged");
        StructType bronzeSchema = TableDoc.load("bronze", schema.feed()).declaredSchema();
        StructType stagedSchema = RowStager.stagedSchema(schema);
        DataSummary summary = new DataSummary(schema, layout);
        List<Grid.Row> totals = new ArrayList<>();
        int[] reached = {0};
        String[] encoding = {null};
        var conf = spark.sparkContext().hadoopConfiguration();
        try (RowStream stream = RowStream.open(file, spark, dir, 0);
                // bronze's record map is the slowest to encode: two part files, two threads
                BackgroundParquetWriter bronze = new BackgroundParquetWriter(
                        i -> new ScratchParquetWriter(part(stored.bronzePath(), i), bronzeSchema, conf), 2, "bronze");
                // the record map is bronze's too: written once there, read back for the few rows quarantined
                BackgroundParquetWriter staged = new BackgroundParquetWriter(
                        i -> new ScratchParquetWriter(
                                part(stored.stagedPath(), i), stagedSchema, conf, Set.of("record")),
                        1,
                        "staged")) {
            encoding[0] = stream.encoding();
            new RowStager(schema, layout).stage(stream, file, loadId, loadedAt, (row, kind, b, s) -> {
                reached[0] = row.number();
                digest.add(row);
                try {
                    bronze.write(b);
                    if (kind.equals("total")) {
                        totals.add(row);
                    } else if (s != null) {
                        staged.write(s);
                        summary.add(row);
                    }
                } catch (IOException e) {
                    throw new ScratchWriteFailed(e);
                }
            });
        } catch (ScratchWriteFailed e) {
            throw new UncheckedIOException(
                    "cannot write the scratch copy of " + file.name() + " under " + dir + ": "
                            + e.getCause().getMessage(),
                    (IOException) e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the scratch copy of " + file.name() + " under " + dir + ": " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw badBytes(file, encoding[0], e);
            }
            // the reader parses ahead of the rows it hands over: the fault is after the last row read, not at it
            throw unreadable(file, "读到第" + reached[0] + "行之后,", e);
        }
        return new RowStager.Staged(List.of(), List.of(), List.of(), totals, summary, stored);
    }

    private static String part(String folder, int i) {
        return String.format("%s/part-%05d.parquet", folder, i);
    }

    /** A failed write of the scratch Parquet, told apart from a fault in the file being read. */
    private static final class ScratchWriteFailed extends RuntimeException {
        ScratchWriteFailed(IOException cause) {
            super(cause);
        }
    }

    /** The scratch folder of one load: {@code _staging/LOAD_ID} beside the warehouse's layers. */
    static String scratch(Warehouse warehouse, String loadId) {
        return warehouse.root() + "/_staging/" + loadId;
    }

    /** Removes a load's scratch folder, once nothing reads it any more. */
    static void discard(Warehouse warehouse, String loadId) {
        try {
            warehouse.fs().delete(new org.apache.hadoop.fs.Path(scratch(warehouse, loadId)), true);
        } catch (IOException e) {
            // a scratch folder left behind is space, not data: the next load's folder has another name
        }
    }

    /** A byte sequence invalid in the file's encoding: pinned to its line, as the held reader's refusal is. */
    private static FileRejectedException badBytes(InputFile file, String encoding, RuntimeException e) {
        long line;
        try {
            line = CsvGridReader.firstUndecodableLine(file, encoding);
        } catch (java.io.IOException io) {
            line = 0;
        }
        String where = line > 0 ? "第" + line + "行" : "文件中";
        return new FileRejectedException(
                "encoding_valid",
                file.name() + ": " + where + "有不符合 " + encoding.replace("-BOM", "") + " 编码的字节(文件开头是 " + encoding
                        + ")— 整个文件须用同一种编码,请用 UTF-8 或 GBK 重新导出");
    }

    private static FileRejectedException unreadable(InputFile file, String where, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (file.extension().equals("parquet")) {
            return new FileRejectedException(
                    "parquet_valid", file.name() + ": " + where + "无法作为 Parquet 文件读取(" + e.getMessage() + ")");
        }
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return new FileRejectedException(
                    "encoding_valid", file.name() + ": " + where + "有不符合文件编码的字节,请用 UTF-8 或 GBK 重新导出");
        }
        return CsvGridReader.malformed(file, where, cause.getMessage());
    }
}
