package org.investlake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.reference.ReferenceData;
import org.investlake.storage.ReferenceViews;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * June of a PROVINCE sample (its 170 units, 3,400 projects) read the way the loader reads it: the
 * Parquet holds the same rows as the CSV, each feed's Parquet loads through the real loader with
 * the synthetic profile, no row quarantined, and the loader finds each CSV the same cells again.
 */
class ScaledSampleLoadTest extends SparkTest {
    @TempDir
    static Path dir;

    private static SampleSummary june;
    private static ReferenceData province;

    @BeforeAll
    static void writeJune() {
        june = ScaledSampleTest.province().writeTo(dir.resolve("june"));
        province = ReferenceData.load(june.profile());
    }

    @AfterAll
    static void bundledCityAgain() {
        // the ref_* views live in the shared session: give the next test class 衡水市's back
        ReferenceViews.register(spark(), reference());
    }

    @Test
    void parquetHoldsTheSameRowsAsTheCsv() throws IOException {
        List<Path> csvFiles =
                june.files().stream().filter(f -> f.toString().endsWith(".csv")).toList();
        assertThat(csvFiles).hasSize(4);
        for (Path csv : csvFiles) {
            Path parquet = dir.resolve("june/parquet")
                    .resolve(dir.resolve("june/csv").relativize(csv).toString().replace(".csv", ".parquet"));
            List<CSVRecord> expected = ScaledSampleTest.csv(csv);
            var df = spark().read().parquet(parquet.toString());
            assertThat(df.columns())
                    .as(parquet.toString())
                    .containsExactlyElementsOf(expected.get(0).getParser().getHeaderNames());
            List<Row> actual = df.collectAsList();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < actual.size(); i++) {
                // as the loader's Parquet reader turns a cell into text
                Row r = actual.get(i);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.size(); c++) {
                    cells.add(r.isNullAt(c) ? "" : String.valueOf(r.get(c)));
                }
                assertThat(cells)
                        .as("%s row %d", parquet.getFileName(), i + 1)
                        .isEqualTo(expected.get(i).toList());
            }
        }
    }

    private static List<Path> files(String extension) {
        return june.files().stream()
                .filter(f -> f.toString().endsWith(extension))
                .toList();
    }

    @Test
    void eachFeedLoadsWithTheSyntheticProfileWithoutARejectedRow() {
        Warehouse w = Warehouse.open(spark(), dir.resolve("warehouse").toString(), province);
        List<Path> parquet = files(".parquet");
        List<Path> csv = files(".csv");
        List<Path> batch = new ArrayList<>(parquet);
        batch.addAll(csv);
        // one batch, as run --inbox loads a platform's folder: the Parquet files first
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(w)).execute(batch, file -> {});
        assertThat(results).hasSize(batch.size());
        for (FileLoadResult r : results.subList(0, parquet.size())) {
            assertThat(r.status()).as("%s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
            assertThat(r.rowsQuarantined()).isZero();
            assertThat(r.rowsLoaded()).isEqualTo(r.rowsRead());
        }
        // the CSV of a month is the same delivery in the loader's eyes: the same cells, skipped
        for (FileLoadResult r : results.subList(parquet.size(), batch.size())) {
            assertThat(r.status()).as("%s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.SKIPPED);
        }
        // the profile's units are the ones silver knows: 170 units and the 全省 row, by region
        assertThat(spark().sql("SELECT count(DISTINCT region_code) FROM silver.stats WHERE period = '2023-06'")
                        .first()
                        .getLong(0))
                .isEqualTo(171L);
        assertThat(spark().sql("SELECT count(*) FROM silver.projects WHERE period = '2023-06'")
                        .first()
                        .getLong(0))
                .isEqualTo(3_400L);
    }

    /**
     * The same June streamed, as a nation's files are (every CSV and Parquet file, whatever its size): the
     * Parquet files load 3,400 projects, 170 units and the 全省 row, with no row quarantined; each CSV is then found
     * to hold the same cells as its Parquet (the streamed content digest equals the held one), and silver is the
     * held load's, row for row.
     */
    @Test
    void streamedParquetAndCsvLoadAsHeldOnes() {
        Warehouse held = Warehouse.open(spark(), dir.resolve("held").toString(), province);
        LoadBatch.of(LoadJob.on(held)).execute(files(".parquet"), file -> {});
        Warehouse streamed = Warehouse.open(spark(), dir.resolve("streamed").toString(), province);
        List<FileLoadResult> parquet =
                LoadBatch.of(LoadJob.on(streamed).largeFileBytes(0)).execute(files(".parquet"), file -> {});
        for (FileLoadResult r : parquet) {
            assertThat(r.status()).as("%s: %s", r.file(), r.reasons()).isEqualTo(FileLoadResult.Status.LOADED);
            assertThat(r.rowsQuarantined())
                    .as("rows quarantined from %s", r.file())
                    .isZero();
        }
        for (FileLoadResult r :
                LoadBatch.of(LoadJob.on(streamed).largeFileBytes(0)).execute(files(".csv"), file -> {})) {
            assertThat(r.status())
                    .as("the CSV %s holds its Parquet's cells: %s", r.file(), r.reasons())
                    .isEqualTo(FileLoadResult.Status.SKIPPED);
        }
        for (String table : List.of("projects", "bonds", "stats")) {
            Dataset<Row> expected = spark().read().format("delta").load(held.location("silver", table));
            Dataset<Row> actual = spark().read().format("delta").load(streamed.location("silver", table));
            assertThat(actual.count()).as("silver.%s rows", table).isEqualTo(expected.count());
            assertThat(actual.drop("load_id", "loaded_at")
                            .except(expected.drop("load_id", "loaded_at"))
                            .count())
                    .as("silver.%s rows the held load does not have", table)
                    .isZero();
        }
        assertThat(spark().read()
                        .format("delta")
                        .load(streamed.location("silver", "projects"))
                        .count())
                .as("June's projects (the SMALL province sample)")
                .isEqualTo(3_400L);
    }
}
