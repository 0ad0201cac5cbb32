package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.Aggregate;
import dev.weft.sql.plan.Deduplicate;
import dev.weft.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dropDuplicates(keys)} is an aggregation grouped by the keys that keeps, for the other
 * columns, the values of one row of each group ({@link AnyValue}), under the same column ids.
 */
public final class ReplaceDeduplicateWithAggregate implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Deduplicate d) {
            List<Expression> aggs = new ArrayList<>();
            for (AttributeReference a : d.child().output()) {
              if (d.keys().contains(a)) {
                aggs.add(a);
              } else {
                aggs.add(new Alias(new AnyValue(a), a.name(), a.exprId(), a.qualifier()));
              }
            }
            return new Aggregate(d.keys(), aggs, d.child());
          }
          return node;
        });
  }
}
