package org.investlake.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.investlake.serve.Accounts;
import org.investlake.serve.SqlEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        header = "Serve the warehouse over JDBC/ODBC (HiveServer2 protocol) to Superset, DBeaver, beeline and JupySQL.",
        description = {
            "Runs the Spark Thrift Server in this process over the warehouse until Ctrl-C or SIGTERM. Every table "
                    + "of every layer is there by name (SHOW SCHEMAS, SHOW TABLES IN gold, DESCRIBE gold.region_growth "
                    + "with the Chinese comments). A load or build by another process shows at the next query, "
                    + "never half-done; no restart needed.",
            "Read-only for everyone: the same statements as `sql` are refused (INSERT, DELETE, CREATE, DROP, "
                    + "ALTER, RESTORE, OPTIMIZE, VACUUM, SET key=value, ...); USE is allowed (it only moves the "
                    + "client's own session).",
            "Clients log in with a user and password (HiveServer2 CUSTOM authentication) from the accounts of "
                    + "`investlake users`, kept in <warehouse>.users beside the warehouse. --no-auth is allowed only "
                    + "on a loopback address.",
            "Prints the JDBC URL, the Superset SQLAlchemy URI and the beeline command to use.",
            "Exit code 0 stopped, 1 failed to start, 2 usage (e.g. --no-auth on a public address, no accounts)."
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "10000",
            description = "TCP port (0: any free one, printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description =
                    "Address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Option(
            names = "--no-auth",
            description = "No user or password asked (only with a loopback --bind such as 127.0.0.1).")
    boolean noAuth;

    @Override
    public Integer call() {
        PrintWriter out = main.spec().commandLine().getOut();
        PrintWriter err = main.spec().commandLine().getErr();
        boolean loopback = SqlEndpoint.isLoopback(bind);
        Accounts accounts = null;
        if (noAuth && !loopback) {
            return usage(
                    err,
                    "--no-auth 只能用于本机地址(--bind 127.0.0.1);" + bind + " 对网络开放,必须要求登录。"
                            + "用 `investlake users add NAME` 建一个账户,再去掉 --no-auth。");
        }
        if (!noAuth) {
            accounts = Accounts.beside(main.warehouseUri());
            if (accounts.names().isEmpty()) {
                return usage(
                        err,
                        "还没有账户(" + accounts.file() + "),没有人能登录。先用 `investlake users add NAME` 建一个账户"
                                + (loopback ? ",或只在本机试用时加 --no-auth。" : "。"));
            }
        }
        var endpoint = SqlEndpoint.start(
                main.warehouseUri(),
                Sessions.reference(main),
                new SqlEndpoint.Settings(
                        bind, port, accounts == null ? null : accounts.file(), main.master, main.verbose));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            err.println("investlake serve: 正在停止…");
                            err.flush();
                            // open client sessions can hold the server's stop: end within 20 s regardless
                            Thread closing = new Thread(endpoint::close, "investlake-serve-close");
                            closing.setDaemon(true);
                            closing.start();
                            try {
                                closing.join(20_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            err.println("investlake serve: 已停止。");
                            err.flush();
                            stopped.countDown();
                        },
                        "investlake-serve-stop"));
        for (String line : banner(endpoint, accounts)) {
            out.println(line);
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private List<String> banner(SqlEndpoint endpoint, Accounts accounts) {
        String url = endpoint.jdbcUrl();
        String hostPort = url.substring("jdbc:hive2://".length(), url.lastIndexOf('/'));
        if (accounts == null) {
            return List.of(
                    "欢迎使用 investlake SQL 端点:仓库 " + endpoint.warehouse().root() + " 只读开放,不要求登录(--no-auth,仅本机)。",
                    "  JDBC URL (DBeaver, beeline):  " + url,
                    "  Superset SQLAlchemy URI:      hive://" + hostPort + "/default",
                    "  beeline:                      beeline -u '" + url + "'",
                    "按 Ctrl-C 停止。");
        }
        return List.of(
                "欢迎使用 investlake SQL 端点:仓库 " + endpoint.warehouse().root() + " 只读开放,登录账户 "
                        + accounts.names().size() + " 个(" + accounts.file() + ",用 `investlake users` 管理)。",
                "  JDBC URL (DBeaver, beeline):  " + url + "   (用户名和密码另填)",
                "  Superset SQLAlchemy URI:      hive://USER:PASSWORD@" + hostPort + "/default?auth=CUSTOM",
                "  beeline:                      beeline -u '" + url + "' -n USER -p PASSWORD",
                "按 Ctrl-C 停止。");
    }

    private static int usage(PrintWriter err, String message) {
        err.println("investlake: " + message);
        err.flush();
        return Main.USAGE;
    }
}
