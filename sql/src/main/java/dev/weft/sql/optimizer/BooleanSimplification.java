package dev.weft.sql.optimizer;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.plan.LogicalPlan;

/**
 * Simplifies boolean logic with constants: {@code true AND x} is {@code x}, {@code false AND x} is
 * false, {@code true OR x} is true, {@code false OR x} is {@code x}, {@code NOT NOT x} is {@code
 * x}, {@code x AND x} is {@code x}. Each rewrite holds in three-valued logic.
 */
public final class BooleanSimplification implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(node -> node.transformExpressions(BooleanSimplification::simplify));
  }

  static Expression simplify(Expression e) {
    if (e instanceof And a) {
      if (Literal.TRUE.equals(a.left())) {
        return a.right();
      }
      if (Literal.TRUE.equals(a.right())) {
        return a.left();
      }
      if (Literal.FALSE.equals(a.left()) || Literal.FALSE.equals(a.right())) {
        return Literal.FALSE;
      }
      if (a.left().equals(a.right()) && a.left().deterministic()) {
        return a.left();
      }
    } else if (e instanceof Or o) {
      if (Literal.FALSE.equals(o.left())) {
        return o.right();
      }
      if (Literal.FALSE.equals(o.right())) {
        return o.left();
      }
      if (Literal.TRUE.equals(o.left()) || Literal.TRUE.equals(o.right())) {
        return Literal.TRUE;
      }
      if (o.left().equals(o.right()) && o.left().deterministic()) {
        return o.left();
      }
    } else if (e instanceof Not n && n.child() instanceof Not inner) {
      return inner.child();
    }
    return e;
  }
}
