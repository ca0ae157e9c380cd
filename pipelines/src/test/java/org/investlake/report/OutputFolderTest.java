package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.investlake.storage.MiniHdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a bulletin's files go: a local folder, or a folder on the warehouse's HDFS. */
class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void aLocalFolderIsMadeAndTheFileNamedByItsAbsolutePath() throws Exception {
        String written = OutputFolder.of(dir.resolve("a/b").toUri().toString(), new Configuration())
                .write("通报.html", "<p>一</p>".getBytes(StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(dir.resolve("a/b/通报.html").toString());
        assertThat(Files.readString(Path.of(written))).isEqualTo("<p>一</p>");
    }

    @Test
    void aFolderOnHdfsIsWrittenThroughHadoop() throws Exception {
        String folder = MiniHdfs.shared().uri() + "/output-test/bulletins/";
        String written = OutputFolder.of(folder, new Configuration()).write("通报.xlsx", new byte[] {1, 2, 3});
        assertThat(written).isEqualTo(MiniHdfs.shared().uri() + "/output-test/bulletins/通报.xlsx");
        FileSystem fs = FileSystem.get(URI.create(written), new Configuration());
        try (var in = fs.open(new org.apache.hadoop.fs.Path(written))) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }
}
