package org.investlake.serve;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;

/**
 * Lets through only the statements that read: queries (SELECT, WITH, VALUES, VERSION AS OF, table
 * functions such as table_changes), DESCRIBE (of a table, column, query, function or schema, and
 * Delta's DESCRIBE HISTORY and DESCRIBE DETAIL), SHOW, EXPLAIN of one of these, and SET that only
 * shows a setting. Everything else — INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER (SET
 * TBLPROPERTIES included), TRUNCATE, RESTORE, OPTIMIZE, VACUUM, CACHE, REFRESH, USE, ADD JAR, SET of
 * a value, and any command Spark or Delta add later — is refused before anything runs.
 *
 * <p>The decision is made on the plan Spark's parser (with Delta's extension) gives, never on the
 * text and never by running it: a statement's plan says what kind of statement it is, and exists
 * even when the table it names does not (so a DROP of a missing table is refused as a write, not
 * reported as missing). Every node of the plan must be either on the read-only list below or a query
 * node of Spark's own (not a {@link Command}, not a {@link ParsedStatement}, defined by Spark's
 * catalyst); anything else — a command, a Delta statement, a node some extension adds — is refused.
 * Unknown means refused.
 *
 * <p>Shared by {@code investlake sql} ({@link #check}) and the SQL endpoint ({@link ReadOnlySessions}, through
 * {@link #checkPlan}).
 */
public final class ReadOnlyGuard {
    private ReadOnlyGuard() {}

    /** Statements that only read, whatever they name. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            DescribeRelation.class.getName(),
            DescribeColumn.class.getName(),
            DescribeFunction.class.getName(),
            DescribeNamespace.class.getName(),
            ShowTables.class.getName(),
            ShowTableExtended.class.getName(),
            ShowViews.class.getName(),
            ShowNamespaces.class.getName(),
            ShowColumns.class.getName(),
            ShowPartitions.class.getName(),
            ShowFunctions.class.getName(),
            ShowTableProperties.class.getName(),
            ShowCreateTable.class.getName(),
            ShowCurrentNamespaceCommand.class.getName(),
            // Delta's DESCRIBE HISTORY and DESCRIBE DETAIL (named, not imported: Delta's internals)
            "org.apache.spark.sql.delta.commands.DescribeDeltaHistory",
            "org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand");

    /** How the refusal names a statement, by its plan node; others go by the node's own name. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("InsertIntoStatement", "INSERT"),
            Map.entry("InsertIntoDir", "INSERT OVERWRITE DIRECTORY"),
            Map.entry("DeleteFromTable", "DELETE"),
            Map.entry("UpdateTable", "UPDATE"),
            Map.entry("MergeIntoTable", "MERGE"),
            Map.entry("CreateTable", "CREATE TABLE"),
            Map.entry("CreateTableAsSelect", "CREATE TABLE … AS SELECT"),
            Map.entry("ReplaceTable", "REPLACE TABLE"),
            Map.entry("ReplaceTableAsSelect", "REPLACE TABLE … AS SELECT"),
            Map.entry("CreateView", "CREATE VIEW"),
            Map.entry("CreateViewCommand", "CREATE VIEW"),
            Map.entry("CreateNamespace", "CREATE DATABASE"),
            Map.entry("DropTable", "DROP TABLE"),
            Map.entry("DropView", "DROP VIEW"),
            Map.entry("DropNamespace", "DROP DATABASE"),
            Map.entry("TruncateTable", "TRUNCATE TABLE"),
            Map.entry("SetTableProperties", "ALTER TABLE … SET TBLPROPERTIES"),
            Map.entry("UnsetTableProperties", "ALTER TABLE … UNSET TBLPROPERTIES"),
            Map.entry("AddColumns", "ALTER TABLE … ADD COLUMNS"),
            Map.entry("RenameTable", "ALTER TABLE … RENAME"),
            Map.entry("RestoreTableStatement", "RESTORE"),
            Map.entry("OptimizeTableCommand", "OPTIMIZE"),
            Map.entry("VacuumTableCommand", "VACUUM"),
            Map.entry("CloneTableStatement", "CLONE"),
            Map.entry("SetCommand", "SET"),
            Map.entry("ResetCommand", "RESET"),
            Map.entry("AddJarsCommand", "ADD JAR"),
            Map.entry("CacheTable", "CACHE TABLE"),
            Map.entry("RefreshTable", "REFRESH TABLE"),
            Map.entry("SetCatalogAndNamespace", "USE"),
            Map.entry("ScriptTransformation", "TRANSFORM … USING"));

    /** A statement refused because it is not known to be read-only; nothing of it ran. */
    public static final class NotReadOnlyException extends RuntimeException {
        private final String statement;

        NotReadOnlyException(String statement) {
            super("sql 只读:「" + statement + "」不是只读语句(会修改仓库或会话),未执行。"
                    + "回退一张表用 `investlake restore TABLE --version N`,重新入库用 `investlake load FILE`,"
                    + "重算汇总表用 `investlake build`;sql 只接受查询、DESCRIBE、SHOW 和 EXPLAIN。");
            this.statement = statement;
        }

        /** The kind of statement refused, e.g. "DROP TABLE". */
        public String statement() {
            return statement;
        }
    }

    /**
     * Returns when {@code sql} only reads; throws {@link NotReadOnlyException} naming the statement
     * otherwise. A statement that does not parse throws Spark's ParseException, as running it would.
     */
    public static void check(SparkSession spark, String sql) throws ParseException {
        checkPlan(spark.sessionState().sqlParser().parsePlan(sql));
    }

    /** The same decision on a statement already parsed (the endpoint's parser calls this). */
    static void checkPlan(LogicalPlan parsed) {
        LogicalPlan offending = firstNotReadOnly(parsed);
        if (offending != null) {
            throw new NotReadOnlyException(name(offending));
        }
    }

    /** The first node of {@code plan} not known to be read-only, or null when it only reads. */
    static LogicalPlan firstNotReadOnly(LogicalPlan plan) {
        if (plan instanceof ExplainCommand explain) {
            return firstNotReadOnly(explain.logicalPlan()); // EXPLAIN runs nothing, but say so only for reads
        }
        if (plan instanceof DescribeQueryCommand describe) {
            return firstNotReadOnly(describe.plan());
        }
        if (plan instanceof SetCommand set) {
            // SET and SET key show settings; SET key=value changes the session
            return set.kv().isEmpty() || set.kv().get()._2().isEmpty() ? null : plan;
        }
        if (READ_ONLY_COMMANDS.contains(plan.getClass().getName())) {
            return null;
        }
        if (plan instanceof Command || plan instanceof ParsedStatement || !isSparkQueryNode(plan)) {
            return plan;
        }
        for (int i = 0; i < plan.children().size(); i++) {
            LogicalPlan found = firstNotReadOnly(plan.children().apply(i));
            if (found != null) {
                return found;
            }
        }
        // the definitions of a WITH clause are inner children, not children
        for (int i = 0; i < plan.innerChildren().size(); i++) {
            QueryPlan<?> inner = plan.innerChildren().apply(i);
            if (inner instanceof LogicalPlan p) {
                LogicalPlan found = firstNotReadOnly(p);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * A node Spark's own parser builds for a query (Project, Filter, Join, a table reference, WITH, a
     * time-travel clause, ...): defined in Spark's catalyst jar. Delta's statements are plain plan
     * nodes, not commands, until analysis (RESTORE parses to a RestoreTableStatement over the table),
     * and some live in Spark's package name: the jar they come from tells them apart. TRANSFORM runs
     * an external script; INSERT OVERWRITE DIRECTORY is Spark's one writing node that is no command.
     */
    private static boolean isSparkQueryNode(LogicalPlan plan) {
        Class<?> c = plan.getClass();
        return c.getName().startsWith("org.apache.spark.sql.catalyst.")
                && SPARK_CATALYST.equals(codeSource(c))
                && !NOT_QUERIES.contains(c.getSimpleName());
    }

    private static final Object SPARK_CATALYST = codeSource(LogicalPlan.class);

    /** Nodes in Spark's package that are no query; the Delta ones are also told apart by their jar. */
    private static final Set<String> NOT_QUERIES = Set.of(
            "ScriptTransformation",
            "InsertIntoDir", // INSERT OVERWRITE DIRECTORY: writes files, yet parses to no command
            "RestoreTableStatement",
            "CloneTableStatement",
            "DeltaMergeInto",
            "DeltaUpdateTable",
            "DeltaDelete",
            "AlterTableAddConstraint",
            "AlterTableDropConstraint",
            "AlterTableDropFeature",
            "AlterColumnSyncIdentity",
            "SyncIdentity");

    private static Object codeSource(Class<?> c) {
        var domain = c.getProtectionDomain();
        var source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static String name(LogicalPlan plan) {
        String simple = plan.getClass().getSimpleName();
        return NAMES.getOrDefault(simple, simple.replaceAll("(Command|Statement)$", ""));
    }
}
