package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.LogicalPlan;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns an outer join into a narrower one when a filter above it rejects the NULL-padded rows: in
 * {@code a LEFT JOIN b ... WHERE b.x > 0} no padded row passes, so the join is inner. A conjunct
 * rejects padding when, reading only the padded side, it is not TRUE with all its inputs NULL.
 */
public final class EliminateOuterJoin implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (!(node instanceof Filter f) || !(f.child() instanceof Join j)) {
            return node;
          }
          JoinType t = j.joinType();
          if (t != JoinType.LEFT_OUTER && t != JoinType.RIGHT_OUTER && t != JoinType.FULL_OUTER) {
            return node;
          }
          boolean leftRejected = rejectsNulls(f.condition(), j.left());
          boolean rightRejected = rejectsNulls(f.condition(), j.right());
          JoinType next = t;
          if (t == JoinType.LEFT_OUTER && rightRejected) {
            next = JoinType.INNER;
          } else if (t == JoinType.RIGHT_OUTER && leftRejected) {
            next = JoinType.INNER;
          } else if (t == JoinType.FULL_OUTER) {
            if (leftRejected && rightRejected) {
              next = JoinType.INNER;
            } else if (leftRejected) {
              next = JoinType.LEFT_OUTER;
            } else if (rightRejected) {
              next = JoinType.RIGHT_OUTER;
            }
          }
          return next == t
              ? node
              : new Filter(f.condition(), new Join(j.left(), j.right(), next, j.condition()));
        });
  }

  static boolean rejectsNulls(Expression condition, LogicalPlan side) {
    Set<AttributeReference> out = new HashSet<>(side.output());
    for (Expression c : Predicates.splitConjuncts(condition)) {
      Set<AttributeReference> refs = c.references();
      if (refs.isEmpty() || !out.containsAll(refs) || !c.deterministic()) {
        continue;
      }
      Expression withNulls =
          c.transformUp(x -> x instanceof AttributeReference a ? Literal.nullOf(a.dataType()) : x);
      try {
        Object v = withNulls.eval(null);
        if (!Boolean.TRUE.equals(v)) {
          return true;
        }
      } catch (RuntimeException e) {
        // cannot tell: keep the join
      }
    }
    return false;
  }
}
