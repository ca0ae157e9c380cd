package org.investlake.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.investlake.serve.Accounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        header = "Manage the accounts that may log in to `serve`.",
        description = {
            "Accounts live in <warehouse>.users beside the warehouse folder (owner-only, rw-------), one line per "
                    + "user with a salted PBKDF2-HMAC-SHA256 hash; no password is stored. A running `serve` reads "
                    + "the file at every login, so changes apply without a restart.",
            "Exit code 0 done, 1 failed, 2 usage (e.g. removing an unknown user)."
        },
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    Accounts accounts() {
        return Accounts.beside(main.warehouseUri());
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            header = "Add an account, or set a new password for an existing one.",
            description = "Without --password the password is asked twice, without echo (or read as one line from "
                    + "standard input when there is no terminal).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME", description = "User name: letters, digits, _ . @ -.")
        String name;

        @Option(
                names = "--password",
                paramLabel = "P",
                description = "The password (visible in the shell's history: prefer the prompt).")
        String password;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = users.main.spec().commandLine().getOut();
            PrintWriter err = users.main.spec().commandLine().getErr();
            char[] secret = password != null ? password.toCharArray() : ask(err);
            if (secret == null) {
                return Main.USAGE;
            }
            try {
                Accounts accounts = users.accounts();
                boolean added = accounts.put(name, secret);
                out.println((added ? "已添加账户 " : "已更新密码:") + name + "(" + accounts.file() + ")");
                return Main.OK;
            } catch (IllegalArgumentException e) {
                err.println("investlake: " + e.getMessage());
                return Main.USAGE;
            } finally {
                Arrays.fill(secret, '\0');
            }
        }

        private static char[] ask(PrintWriter err) throws IOException {
            Console console = System.console();
            if (console == null) {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    err.println("investlake: 没有读到密码:在终端里运行以便输入,或用 --password P。");
                    return null;
                }
                return line.toCharArray();
            }
            char[] first = console.readPassword("密码: ");
            char[] second = console.readPassword("再输一次: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("investlake: 两次输入的密码不一样,账户没有改动。");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, header = "Remove an account.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME", description = "The user to remove.")
        String name;

        @Override
        public Integer call() {
            Accounts accounts = users.accounts();
            if (!accounts.remove(name)) {
                users.main
                        .spec()
                        .commandLine()
                        .getErr()
                        .println("investlake: 没有账户 " + name + "(" + accounts.file() + ")。");
                return Main.USAGE;
            }
            users.main.spec().commandLine().getOut().println("已删除账户 " + name);
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the accounts, one name a line.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Override
        public Integer call() {
            List<String> names = users.accounts().names();
            PrintWriter out = users.main.spec().commandLine().getOut();
            names.forEach(out::println);
            return Main.OK;
        }
    }
}
