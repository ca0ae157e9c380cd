package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.investlake.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows handed to a {@link BackgroundParquetWriter} all reach its part files, whatever part each batch went to, and
 * a write that fails on the writer's thread is reported to the stager instead of lost or hung on.
 */
class BackgroundParquetWriterTest extends SparkTest {
    @TempDir
    Path dir;

    private static final StructType SCHEMA =
            StructType.fromDDL("row_number INT, cell STRING, record MAP<STRING, STRING>");

    private BackgroundParquetWriter writer(Path folder, int parts) throws IOException {
        var conf = spark().sparkContext().hadoopConfiguration();
        return new BackgroundParquetWriter(
                i -> new ScratchParquetWriter(
                        folder.resolve("part-" + i + ".parquet").toString(), SCHEMA, conf),
                parts,
                "test");
    }

    @Test
    void everyRowReachesTheFolderAndTheBatchesTakeTurnsBetweenParts() throws IOException {
        Path folder = dir.resolve("bronze");
        List<Row> expected = new ArrayList<>();
        try (BackgroundParquetWriter w = writer(folder, 2)) {
            for (int i = 1; i <= 2500; i++) {
                Row r = RowFactory.create(i, i % 7 == 0 ? null : "格" + i, Map.of("项目代码", "P" + i));
                expected.add(r);
                w.write(r);
            }
        }
        Dataset<Row> read = spark().read().schema(SCHEMA).parquet(folder.toString());
        // maps cannot be compared in any order (grouped): each as its JSON
        assertDataFrameNoOrderEquals(
                spark().createDataFrame(expected, SCHEMA).selectExpr("row_number", "cell", "to_json(record) AS record"),
                read.selectExpr("row_number", "cell", "to_json(record) AS record"));
        // batches of 1024 in turn: rows 1-1024 to part 0, 1025-2048 to part 1, the last 452 (2049-2500) to part 0
        assertThat(spark().read()
                        .parquet(folder.resolve("part-0.parquet").toString())
                        .count())
                .isEqualTo(1024 + 452);
        assertThat(spark().read()
                        .parquet(folder.resolve("part-1.parquet").toString())
                        .count())
                .isEqualTo(1024);
    }

    @Test
    void aFailedWriteOnTheWritersThreadIsReportedAndNothingHangs() throws IOException {
        Path folder = dir.resolve("broken");
        BackgroundParquetWriter w = writer(folder, 1);
        // a number where the schema wants text: the writer's thread fails on the first batch
        w.write(RowFactory.create(1, 42, Map.of()));
        IOException reported = null;
        try {
            // more batches than the queue holds: the stager must not block on the stopped writer
            for (int i = 0; i < 10 * 1024; i++) {
                w.write(RowFactory.create(i, "格", Map.of()));
            }
        } catch (IOException e) {
            reported = e;
        }
        IOException atClose = null;
        try {
            w.close();
        } catch (IOException e) {
            atClose = e;
        }
        assertThat(reported != null ? reported : atClose)
                .as("the failure reaches the stager")
                .isNotNull()
                .hasRootCauseInstanceOf(ClassCastException.class);
    }

    @Test
    void aParquetHeadReadsTheFirstRowsInFileOrder() throws Exception {
        // one file, one row group: the head is its header and first rows, as the whole stream begins
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            rows.add(RowFactory.create(i, "P" + i, null));
        }
        Path out = dir.resolve("spark-out");
        spark().createDataFrame(rows, SCHEMA)
                .select("row_number", "cell")
                .coalesce(1)
                .write()
                .parquet(out.toString());
        Path file;
        try (var parts = Files.list(out)) {
            file = Files.copy(
                    parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .findFirst()
                            .orElseThrow(),
                    in.resolve("projects.parquet"));
        }
        InputFile large = InputFile.read(file, 0);
        List<Grid.Row> head = new ArrayList<>();
        try (RowStream s = RowStream.open(large, spark(), null, 6)) { // the header and five rows
            s.forEachRemaining(head::add);
        }
        assertThat(head)
                .containsExactly(
                        new Grid.Row(1, List.of("row_number", "cell")),
                        new Grid.Row(2, List.of("1", "P1")),
                        new Grid.Row(3, List.of("2", "P2")),
                        new Grid.Row(4, List.of("3", "P3")),
                        new Grid.Row(5, List.of("4", "P4")),
                        new Grid.Row(6, List.of("5", "P5")));
    }
}
