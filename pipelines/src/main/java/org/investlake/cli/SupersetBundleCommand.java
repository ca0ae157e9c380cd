package org.investlake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.types.StructType;
import org.investlake.marts.BuildJob;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.YearTargets;
import org.investlake.serve.superset.BundleValidator;
import org.investlake.serve.superset.SupersetBundle;
import org.investlake.storage.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "superset-bundle",
        mixinStandardHelpOptions = true,
        header = "Write the Superset import bundle: the database, the gold datasets and the dashboard 投资和项目建设监测.",
        description = {
            "One zip for Superset's Dashboards → Import dashboard (it asks for the database password), the API "
                    + "POST /api/v1/assets/import/, or `superset import-dashboards -p FILE.zip -u admin` (with "
                    + "--password-env): the database (password masked), a dataset for every gold table with its "
                    + "columns, types and Chinese names from sql/gold/*.yml, the saved metrics, the charts and the "
                    + "dashboard with filters for period, unit, 包联领导 and 责任单位. Superset 3.0 to 6.x (2.1 with the "
                    + "GENERIC_CHART_AXES feature flag, for the bars by unit and sector).",
            "Columns and types are read from the warehouse's gold tables, so build them first; the bundle is "
                    + "validated against them before it is written. UUIDs come from stable names, so a newer bundle "
                    + "updates what an older one made instead of duplicating it (the dashboard import replaces the "
                    + "dashboard but keeps charts and datasets that exist; the assets API replaces everything)."
        })
final class SupersetBundleCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the bundle.")
    Path out;

    @Option(
            names = "--sqlalchemy-uri",
            paramLabel = "URI",
            defaultValue = SupersetBundle.DEFAULT_URI,
            description = "How Superset reaches `investlake serve` (default: ${DEFAULT-VALUE}). A password in it is "
                    + "replaced by the mask XXXXXXXXXX.")
    String sqlalchemyUri;

    @Option(
            names = "--password-env",
            paramLabel = "NAME",
            description = "Write the password held by environment variable NAME into the bundle, for "
                    + "`superset import-dashboards`, which cannot ask for it (the UI import asks). The bundle then "
                    + "holds a secret: keep it private.")
    String passwordEnv;

    @Option(
            names = "--year",
            paramLabel = "YEAR",
            description = "Whose targets the headline titles show (default: the latest year with a targets file).")
    Integer year;

    @Override
    public Integer call() {
        ReferenceData reference = Sessions.reference(main);
        int y = year != null ? year : new TreeSet<>(reference.allTargets().keySet()).last();
        Optional<YearTargets> targets = reference.targets(y);
        if (targets.isEmpty()) {
            return RestoreCommand.fail(main, "没有 " + y + " 年的目标文件 (config/targets/" + y + ".yaml); 用 --year 选一个有目标的年份");
        }
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null || password.isEmpty()) {
                return RestoreCommand.fail(
                        main, "环境变量 " + passwordEnv + " 未设置或为空: 先 export " + passwordEnv + "=... 再运行");
            }
            if (!SupersetBundle.maskPassword(sqlalchemyUri).contains(":" + SupersetBundle.PASSWORD_MASK + "@")) {
                return RestoreCommand.fail(
                        main,
                        "--password-env 需要 --sqlalchemy-uri 带用户名和密码占位, 例如 hive://superset:XXXXXXXXXX@host:10000/default?auth=CUSTOM");
            }
        }
        Warehouse w = Sessions.open(main);
        List<String> missing =
                BuildJob.MARTS.stream().filter(m -> !w.exists("gold", m)).toList();
        if (!missing.isEmpty()) {
            return RestoreCommand.fail(
                    main,
                    "gold 表尚未构建: " + String.join(", ", missing)
                            + " — 先载入数据并运行 `investlake build` (或 `investlake run --inbox DIR`), 再生成 Superset 导入包");
        }
        Map<String, StructType> schemas = new LinkedHashMap<>();
        for (String mart : BuildJob.MARTS) {
            w.register("gold", mart);
            schemas.put(mart, w.spark().table("gold." + mart).schema());
        }
        SupersetBundle bundle = SupersetBundle.of(
                sqlalchemyUri,
                password,
                schemas,
                targets.get(),
                reference.cityTotal().code());
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".tmp");
        bundle.write(tmp);
        List<String> problems = BundleValidator.validate(
                tmp, t -> t.startsWith("gold.") ? Optional.ofNullable(schemas.get(t.substring(5))) : Optional.empty());
        try {
            if (!problems.isEmpty()) {
                Files.deleteIfExists(tmp);
                return RestoreCommand.fail(main, "Superset 导入包未通过校验 (" + problems.size() + " 处): " + problems.get(0));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter o = main.spec().commandLine().getOut();
        o.printf(
                "wrote %s: database %s, %d datasets, %d charts, dashboard %s (targets of %d); validated against the gold tables.%n",
                out,
                SupersetBundle.maskPassword(sqlalchemyUri),
                bundle.count("datasets"),
                bundle.count("charts"),
                SupersetBundle.DASHBOARD_TITLE,
                y);
        if (password == null) {
            o.printf(
                    "import: Superset → Dashboards → Import dashboard → %s (it asks for the database password), or "
                            + "POST /api/v1/assets/import/ with passwords; for `superset import-dashboards` write the "
                            + "password in with --password-env%n",
                    out);
        } else {
            o.printf(
                    "import: superset import-dashboards -p %s -u admin   (the bundle holds the password: keep it private)%n",
                    out);
        }
        o.flush();
        return Main.OK;
    }
}
