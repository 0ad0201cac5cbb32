package dev.weft.sql.optimizer;

import dev.weft.sql.expr.And;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.LogicalPlan;

/**
 * Merges adjacent filters into one: {@code Filter(a, Filter(b, x))} is {@code Filter(b AND a, x)}.
 */
public final class CombineFilters implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformDown(
        node -> {
          if (node instanceof Filter outer
              && outer.child() instanceof Filter inner
              && outer.condition().deterministic()
              && inner.condition().deterministic()) {
            return new Filter(new And(inner.condition(), outer.condition()), inner.child());
          }
          return node;
        });
  }
}
