package dev.weft.sql.optimizer;

import dev.weft.sql.plan.LogicalPlan;

/**
 * One rewrite of a logical plan: returns an equivalent plan, the same object when nothing applies.
 */
public interface Rule {
  LogicalPlan apply(LogicalPlan plan);

  default String name() {
    return getClass().getSimpleName();
  }
}
