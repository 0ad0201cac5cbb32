package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Helpers shared by the plan nodes. */
final class Nodes {
  private Nodes() {}

  @SuppressWarnings("unchecked")
  static <E extends Expression> List<E> map(List<E> exprs, Function<Expression, Expression> f) {
    List<E> out = new ArrayList<>(exprs.size());
    for (E e : exprs) {
      out.add((E) f.apply(e));
    }
    return out;
  }

  static List<AttributeReference> toAttributes(List<? extends NamedExpression> exprs) {
    List<AttributeReference> out = new ArrayList<>(exprs.size());
    for (NamedExpression e : exprs) {
      out.add(e.toAttribute());
    }
    return out;
  }

  static List<AttributeReference> nullable(List<AttributeReference> attrs) {
    List<AttributeReference> out = new ArrayList<>(attrs.size());
    for (AttributeReference a : attrs) {
      out.add(a.withNullability(true));
    }
    return out;
  }

  static void requireChildren(List<LogicalPlan> children, int n, String node) {
    if (children.size() != n) {
      throw new IllegalArgumentException(
          node + " takes " + n + " children, got " + children.size());
    }
  }
}
