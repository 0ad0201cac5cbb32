package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.LogicalPlan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers for rules that split predicates by the join side they read. */
final class JoinConditions {
  private JoinConditions() {}

  static boolean readsOnly(Expression e, LogicalPlan side) {
    Set<AttributeReference> out = new HashSet<>(side.output());
    return e.deterministic() && out.containsAll(e.references());
  }

  static LogicalPlan filtered(LogicalPlan plan, List<Expression> conjuncts) {
    return conjuncts.isEmpty() ? plan : new Filter(Predicates.and(conjuncts), plan);
  }

  static Expression andOrNull(List<Expression> conjuncts) {
    return conjuncts.isEmpty() ? null : Predicates.and(conjuncts);
  }
}
