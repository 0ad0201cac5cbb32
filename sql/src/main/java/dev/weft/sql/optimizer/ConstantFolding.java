package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.plan.LogicalPlan;

/**
 * Evaluates expressions without inputs once, at planning time: {@code 1 < 2} becomes {@code true}.
 */
public final class ConstantFolding implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(node -> node.transformExpressions(ConstantFolding::fold));
  }

  static Expression fold(Expression e) {
    if (e instanceof Literal || e instanceof Alias || !e.foldable()) {
      return e;
    }
    try {
      return new Literal(e.eval(null), e.dataType());
    } catch (RuntimeException failed) {
      return e; // an error the query should raise when it runs, not while planning
    }
  }
}
