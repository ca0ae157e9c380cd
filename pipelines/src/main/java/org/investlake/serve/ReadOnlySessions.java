package org.investlake.serve;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The endpoint's session extension ({@code spark.sql.extensions}): every statement any JDBC client
 * sends is parsed by {@link GuardedParser}, which hands the parsed plan to {@link ReadOnlyGuard} before
 * Spark analyses or runs anything — so the endpoint and {@code investlake sql} refuse exactly the same
 * statements. The one session the endpoint itself uses to register the warehouse's tables is exempt
 * ({@link #exempt}); the sessions the Thrift Server opens for clients are all new sessions, all guarded.
 */
public final class ReadOnlySessions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    private static volatile SparkSession exempt;
    private static volatile Runnable beforeStatement = () -> {};

    /** The session allowed to write the catalog: the endpoint's own, registering tables. */
    static void exempt(SparkSession session) {
        exempt = session;
    }

    /** Runs before each client statement: picks up tables another process created meanwhile. */
    static void beforeStatement(Runnable r) {
        beforeStatement = r;
    }

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser(new AbstractFunction2<SparkSession, ParserInterface, ParserInterface>() {
            @Override
            public ParserInterface apply(SparkSession session, ParserInterface delegate) {
                return new GuardedParser(session, delegate);
            }
        });
        return BoxedUnit.UNIT;
    }

    /** Spark's (and Delta's) parser, with the read-only check after parsePlan. */
    static final class GuardedParser implements ParserInterface {
        private final SparkSession session;
        private final ParserInterface delegate;

        GuardedParser(SparkSession session, ParserInterface delegate) {
            this.session = session;
            this.delegate = delegate;
        }

        @Override
        public LogicalPlan parsePlan(String sql) throws ParseException {
            LogicalPlan plan = delegate.parsePlan(sql);
            if (session != exempt) {
                // USE only moves this client's own session (PyHive and Hive JDBC send `USE default` on connect)
                if (!(plan instanceof SetCatalogAndNamespace)) {
                    ReadOnlyGuard.checkPlan(plan);
                }
                beforeStatement.run();
            }
            return plan;
        }

        @Override
        public Expression parseExpression(String sql) throws ParseException {
            return delegate.parseExpression(sql);
        }

        @Override
        public TableIdentifier parseTableIdentifier(String sql) throws ParseException {
            return delegate.parseTableIdentifier(sql);
        }

        @Override
        public FunctionIdentifier parseFunctionIdentifier(String sql) throws ParseException {
            return delegate.parseFunctionIdentifier(sql);
        }

        @Override
        public Seq<String> parseMultipartIdentifier(String sql) throws ParseException {
            return delegate.parseMultipartIdentifier(sql);
        }

        @Override
        public LogicalPlan parseQuery(String sql) throws ParseException {
            LogicalPlan plan = delegate.parseQuery(sql);
            if (session != exempt) {
                ReadOnlyGuard.checkPlan(plan);
            }
            return plan;
        }

        @Override
        public StructType parseTableSchema(String sql) throws ParseException {
            return delegate.parseTableSchema(sql);
        }

        @Override
        public DataType parseDataType(String sql) throws ParseException {
            return delegate.parseDataType(sql);
        }
    }
}
