package org.investlake.serve.superset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.JavaConverters;

/**
 * The columns a Superset SQL expression (a metric, a computed column, a filter) names, read with Spark's own
 * parser: the same expression the endpoint will run, so nothing is guessed from the text.
 */
final class SqlColumns {
    private SqlColumns() {}

    /** Column names referenced by {@code sql}, in order of appearance; throws when it does not parse. */
    static Set<String> referenced(String sql) {
        Expression e = CatalystSqlParser$.MODULE$.parseExpression(sql);
        Set<String> out = new LinkedHashSet<>();
        List<Expression> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Expression x = todo.remove(0);
            if (x instanceof UnresolvedAttribute a) {
                out.add(a.nameParts().last());
            }
            todo.addAll(JavaConverters.seqAsJavaList(x.children()));
        }
        return out;
    }
}
