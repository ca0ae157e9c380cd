package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large CSV read as a stream gives the rows and encoding a held one gives, and a fault far into a large file —
 * past the first megabyte the encoding is judged from — still rejects it with the clerk's words, the row reached,
 * and nothing loaded but the raw copy and the record of the refusal.
 */
class LargeFileReadingTest extends SparkTest {
    @TempDir
    static Path dir;

    private static final Charset GBK = Charset.forName("GBK");

    private static List<Grid.Row> streamed(InputFile file) throws FileRejectedException {
        List<Grid.Row> rows = new ArrayList<>();
        try (RowStream s = CsvGridReader.stream(file, 0)) {
            s.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** GBK, UTF-8 with and without BOM, tabs, a quoted cell over two lines, blank lines: as the held reader reads. */
    @Test
    void streamReadsWhatTheHeldReaderReads() throws Exception {
        String[] lines = {"2023年6月全市省市重点项目调度表", "", "项目代码\t项目名称\t所属县市区", "P1\t\"桃城\n智能装备\"\t桃城区", "", "P2\t冀州园\t冀州区"};
        List<Path> files = List.of(
                TestFiles.csv(dir.resolve("gbk"), "a.csv", GBK, false, lines),
                TestFiles.csv(dir.resolve("bom"), "a.csv", StandardCharsets.UTF_8, true, lines),
                TestFiles.csv(dir.resolve("utf8"), "a.csv", StandardCharsets.UTF_8, false, lines));
        List<String> encodings = new ArrayList<>();
        for (Path p : files) {
            InputFile held = InputFile.read(p);
            InputFile large = InputFile.read(p, 0);
            assertThat(large.large()).as("read as large: bytes not held").isTrue();
            assertThat(large.sha256()).as("streamed SHA-256 of %s", p).isEqualTo(held.sha256());
            Grid grid = new CsvGridReader().read(held);
            assertThat(streamed(large)).as("rows of %s", p).isEqualTo(grid.rows());
            try (RowStream s = CsvGridReader.stream(large, 0)) {
                encodings.add(s.encoding());
                assertThat(s.encoding()).as("encoding of %s", p).isEqualTo(grid.encoding());
            }
        }
        assertThat(encodings).containsExactly("GBK", "UTF-8-BOM", "UTF-8");
        // the quoted cell holds its line break; the blank lines stay rows (records 2 and 5 of 6)
        List<Grid.Row> rows = streamed(InputFile.read(files.get(0), 0));
        assertThat(rows).hasSize(6);
        assertThat(rows.get(3).cells()).containsExactly("P1", "桃城\n智能装备", "桃城区");
        assertThat(rows.get(4).isBlank()).isTrue();
        // a head of three rows ends at the header (records 1-3), as a large file's feed is found from its head
        try (RowStream s = CsvGridReader.stream(InputFile.read(files.get(0), 0), 3)) {
            List<Grid.Row> head = new ArrayList<>();
            s.forEachRemaining(head::add);
            assertThat(head).isEqualTo(rows.subList(0, 3));
            assertThat(head.get(2).cells()).containsExactly("项目代码", "项目名称", "所属县市区");
        }
    }

    /** A projects export of {@code rows} UTF-8 lines (about 1.4 MB for 20,000), then {@code tail} as raw bytes. */
    private static Path export(String name, int rows, byte[] tail) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((ProjectsFixture.TITLE + "\n单位:万元\n" + ProjectsFixture.HEADER_WAN + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            out.write(String.format(
                            "2301-131102-04-01-%06d,项目%d,桃城区,工业,市重点,市重点项目库,续建,10000,5000,2000,2023-01,2023-02,否,张三,桃城区发改局,2023-06\n",
                            i, i)
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(tail);
        Path p = dir.resolve("big").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, out.toByteArray());
        return p;
    }

    /**
     * 20,000 good UTF-8 rows (lines 4 to 20,003), then a row typed in GBK (line 20,004): the file is refused as a
     * whole, in the clerk's words and with that line; the raw copy is kept, silver has nothing of it.
     */
    @Test
    void aGbkRowAfterTheFirstMegabyteRejectsTheFile() throws IOException {
        byte[] gbkRow = "2301-131102-04-01-999999,桃城区项目,桃城区,工业,市重点,市重点项目库,续建,1,1,1,2023-01,2023-02,否,张三,发改局,2023-06\n"
                .getBytes(GBK);
        Path file = export("编码混杂.csv", 20_000, gbkRow);
        assertThat(Files.size(file)).as("past the first megabyte").isGreaterThan(1 << 20);
        Warehouse w = warehouse(dir.resolve("w1"));
        FileLoadResult r = LoadJob.on(w).largeFileBytes(0).execute(file);

        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons().get(0)).contains("编码混杂.csv", "第20004行有不符合 UTF-8 编码的字节", "UTF-8 或 GBK");
        assertThat(Files.exists(dir.resolve(
                        "w1/warehouse/bronze/_files/" + InputFile.read(file, 0).sha256() + "/编码混杂.csv")))
                .as("the raw copy is kept")
                .isTrue();
        assertThat(
                        w.exists("silver", "projects")
                                ? spark().read()
                                        .format("delta")
                                        .load(w.location("silver", "projects"))
                                        .count()
                                : 0L)
                .as("silver rows")
                .isZero();
        assertThat(spark().read()
                        .format("delta")
                        .load(w.location("ops", "dq_results"))
                        .where("rule_id = 'encoding_valid'")
                        .count())
                .as("the refusal is recorded once")
                .isEqualTo(1L);
    }

    /** A quote opened on the last line and never closed: refused as a CSV fault after the last whole line. */
    @Test
    void anUnclosedQuoteDeepInTheFileRejectsIt() throws IOException {
        Path file =
                export("引号.csv", 20_000, "2301-131102-04-01-999999,\"未闭合的引号,桃城区\n".getBytes(StandardCharsets.UTF_8));
        FileLoadResult r = LoadJob.on(warehouse(dir.resolve("w2")))
                .largeFileBytes(0)
                .dryRun(true)
                .execute(file);
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons().get(0)).contains("引号.csv", "读到第20003行之后", "CSV 格式有误", "引号");
        assertThat(dir.resolve("w2/warehouse/_staging").toFile().list())
                .as("a dry run leaves no scratch folder behind, refused or not")
                .isNullOrEmpty();
    }

    /**
     * A dry run writes nothing: a streamed file's scratch folder stays while its preview may be read (as the tests
     * read it), and goes when the preview is discarded — as {@code load --dry-run} does once it has printed.
     */
    @Test
    void aDryRunsScratchGoesWithItsPreview() throws IOException {
        Path file = export("预览.csv", 100, new byte[0]);
        LoadJob job = LoadJob.on(warehouse(dir.resolve("w3"))).largeFileBytes(0).dryRun(true);
        FileLoadResult r = job.execute(file);
        // by hand: 100 well-formed 续建 projects of 桃城区 for 2023-06, none refused
        assertThat(List.of(r.status(), r.rowsLoaded())).isEqualTo(List.of(FileLoadResult.Status.LOADED, 100));
        assertThat(job.lastPreview().count()).as("rows the load would write").isEqualTo(100L);
        Path staging = dir.resolve("w3/warehouse/_staging");
        assertThat(staging.toFile().list())
                .as("the preview's scratch, while it is looked at")
                .hasSize(1);

        job.discardPreview();

        assertThat(staging.toFile().list()).as("gone with the preview").isEmpty();
        assertThat(job.lastPreview()).isNull();
    }
}
