package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.Aggregate;
import dev.weft.sql.plan.Distinct;
import dev.weft.sql.plan.LogicalPlan;
import java.util.List;

/** {@code distinct()} is an aggregation grouped by every column, with no aggregate functions. */
public final class ReplaceDistinctWithAggregate implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Distinct d) {
            List<Expression> cols = List.copyOf(d.child().output());
            return new Aggregate(cols, cols, d.child());
          }
          return node;
        });
  }
}
