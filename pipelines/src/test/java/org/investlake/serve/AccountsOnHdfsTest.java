package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.investlake.storage.MiniHdfs;
import org.junit.jupiter.api.Test;

/** The endpoint's accounts beside a warehouse on HDFS: the same file, owner-only, on the warehouse's file system. */
class AccountsOnHdfsTest {
    @Test
    void theUsersFileLivesBesideAnHdfsWarehouseOwnerOnly() throws Exception {
        String root = MiniHdfs.shared().uri() + "/accounts-test/investlake";
        Accounts accounts = Accounts.beside(root + "/");
        assertThat(accounts.file()).isEqualTo(root + ".users");

        assertThat(accounts.put("analyst", "s3cret-pw".toCharArray())).isTrue();
        assertThat(accounts.put("leader", "other-pw".toCharArray())).isTrue();
        assertThat(accounts.put("analyst", "new-pw".toCharArray())).isFalse(); // a new password, same account

        FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
        Path file = new Path(root + ".users");
        FileStatus status = fs.getFileStatus(file);
        assertThat(status.getPermission().toString()).isEqualTo("rw-------");
        String text;
        try (var in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text)
                .contains("analyst:pbkdf2-sha256:600000:")
                .doesNotContain("new-pw")
                .doesNotContain("s3cret-pw");
        // the temporary file was renamed over the old one, nothing else is left beside it
        assertThat(fs.listStatus(file.getParent()))
                .extracting(s -> s.getPath().getName())
                .containsExactlyInAnyOrder("investlake.users");

        Accounts again = Accounts.at(root + ".users"); // as the endpoint's authenticator opens it
        assertThat(again.names()).containsExactly("analyst", "leader");
        assertThat(again.verify("analyst", "new-pw".toCharArray())).isTrue();
        assertThat(again.verify("analyst", "s3cret-pw".toCharArray())).isFalse();
        assertThat(again.remove("leader")).isTrue();
        assertThat(Accounts.beside(root).names()).containsExactly("analyst");
    }
}
