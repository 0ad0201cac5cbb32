package dev.weft.sql.optimizer;

import static dev.weft.sql.optimizer.JoinConditions.andOrNull;
import static dev.weft.sql.optimizer.JoinConditions.filtered;
import static dev.weft.sql.optimizer.JoinConditions.readsOnly;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes predicates into the sides of a join, respecting outer-join semantics: a filter above the
 * join moves into a side only if that side's rows are never NULL-padded (the left of a left join,
 * either side of an inner join); a join condition's conjunct on one side moves into that side only
 * where it cannot change which rows are padded (the right of a left join, either of an inner one).
 * Filter conjuncts over both sides of an inner join become part of its condition.
 */
public final class PushPredicateThroughJoin implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformDown(
        node -> {
          if (node instanceof Filter f && f.child() instanceof Join j) {
            return pushFilter(f, j);
          }
          if (node instanceof Join j && j.condition() != null) {
            return pushCondition(j);
          }
          return node;
        });
  }

  private static LogicalPlan pushFilter(Filter f, Join j) {
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> rest = new ArrayList<>();
    JoinType t = j.joinType();
    boolean leftOk =
        t == JoinType.INNER
            || t == JoinType.CROSS
            || t == JoinType.LEFT_OUTER
            || t == JoinType.LEFT_SEMI
            || t == JoinType.LEFT_ANTI;
    boolean rightOk = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.RIGHT_OUTER;
    for (Expression c : Predicates.splitConjuncts(f.condition())) {
      if (leftOk && readsOnly(c, j.left())) {
        left.add(c);
      } else if (rightOk && readsOnly(c, j.right())) {
        right.add(c);
      } else {
        rest.add(c);
      }
    }
    if (left.isEmpty() && right.isEmpty() && !(t == JoinType.INNER && !rest.isEmpty())) {
      return f;
    }
    Expression cond = j.condition();
    List<Expression> remaining = rest;
    if (t == JoinType.INNER || t == JoinType.CROSS) {
      List<Expression> all = new ArrayList<>();
      if (cond != null) {
        all.addAll(Predicates.splitConjuncts(cond));
      }
      for (Expression c : rest) {
        if (c.deterministic()) {
          all.add(c);
        }
      }
      remaining = rest.stream().filter(c -> !c.deterministic()).toList();
      cond = andOrNull(all);
    }
    Join pushed =
        new Join(filtered(j.left(), left), filtered(j.right(), right), j.joinType(), cond);
    return filtered(pushed, remaining);
  }

  private static LogicalPlan pushCondition(Join j) {
    JoinType t = j.joinType();
    boolean leftOk =
        t == JoinType.INNER
            || t == JoinType.CROSS
            || t == JoinType.LEFT_SEMI
            || t == JoinType.RIGHT_OUTER;
    boolean rightOk =
        t == JoinType.INNER
            || t == JoinType.CROSS
            || t == JoinType.LEFT_SEMI
            || t == JoinType.LEFT_OUTER
            || t == JoinType.LEFT_ANTI;
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> rest = new ArrayList<>();
    for (Expression c : Predicates.splitConjuncts(j.condition())) {
      if (leftOk && readsOnly(c, j.left()) && !c.references().isEmpty()) {
        left.add(c);
      } else if (rightOk && readsOnly(c, j.right()) && !c.references().isEmpty()) {
        right.add(c);
      } else {
        rest.add(c);
      }
    }
    if (left.isEmpty() && right.isEmpty()) {
      return j;
    }
    return new Join(filtered(j.left(), left), filtered(j.right(), right), t, andOrNull(rest));
  }
}
