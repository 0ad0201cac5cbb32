package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Literal;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.LocalRelation;
import dev.weft.sql.plan.LogicalPlan;
import java.util.List;

/** Removes a filter that is always TRUE; replaces one that is never TRUE by an empty relation. */
public final class PruneFilters implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Filter f && f.condition() instanceof Literal l) {
            if (Boolean.TRUE.equals(l.value())) {
              return f.child();
            }
            return new LocalRelation(f.output(), List.of());
          }
          return node;
        });
  }
}
