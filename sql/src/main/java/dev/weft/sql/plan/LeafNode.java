package dev.weft.sql.plan;

import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/** A plan node without children: a relation. */
public interface LeafNode extends LogicalPlan {
  @Override
  default List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  default LogicalPlan withNewChildren(List<LogicalPlan> children) {
    Nodes.requireChildren(children, 0, nodeName());
    return this;
  }

  @Override
  default List<Expression> expressions() {
    return List.of();
  }

  @Override
  default LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return this;
  }

  /** This relation with fresh column identities, for the second side of a self-join. */
  LeafNode newInstance();
}
