package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `users add/list/remove` and the refusals of `serve` made before any Spark starts. No Spark here. */
class UsersCliTest {
    @TempDir
    Path dir;

    @Test
    void accountsAreAddedListedAndRemovedInAnOwnerOnlyFileBesideTheWarehouse() throws Exception {
        Path warehouse = dir.resolve("wh");
        // a password the login protocol cannot carry is refused when the account is made, not at every login
        CliRun chinese = CliRun.in(warehouse, "users", "add", "li.wei", "--password", "s3cret-口令");
        assertThat(chinese.code()).isEqualTo(Main.USAGE);
        assertThat(chinese.err()).startsWith("investlake: 密码只能用英文字母、数字和符号");
        assertThat(CliRun.in(warehouse, "users", "add", "li.wei", "--password", "s3cret-Kouling")
                        .code())
                .isZero();
        assertThat(CliRun.in(warehouse, "users", "add", "zhang", "--password", "other")
                        .code())
                .isZero();
        assertThat(CliRun.in(warehouse, "users", "list").out()).isEqualTo("li.wei\nzhang\n");

        Path file = dir.resolve("wh.users");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain("s3cret").doesNotContain("other:");

        assertThat(CliRun.in(warehouse, "users", "remove", "zhang").code()).isZero();
        CliRun again = CliRun.in(warehouse, "users", "remove", "zhang");
        assertThat(again.code()).isEqualTo(Main.USAGE);
        assertThat(again.err()).startsWith("investlake: 没有账户 zhang");
        assertThat(CliRun.in(warehouse, "users", "list").out()).isEqualTo("li.wei\n");
    }

    @Test
    void serveRefusesNoAuthOnAPublicAddressAndAServerNobodyCanLogInto() {
        Path warehouse = dir.resolve("wh");
        CliRun open = CliRun.in(warehouse, "serve", "--no-auth", "--bind", "0.0.0.0");
        assertThat(open.code()).isEqualTo(Main.USAGE);
        assertThat(open.err()).startsWith("investlake: --no-auth 只能用于本机地址").contains("investlake users add NAME");

        CliRun nobody = CliRun.in(warehouse, "serve", "--bind", "0.0.0.0");
        assertThat(nobody.code()).isEqualTo(Main.USAGE);
        assertThat(nobody.err()).startsWith("investlake: 还没有账户").contains("investlake users add NAME");
    }
}
