package dev.weft.sql.expr;

import java.util.List;

/** An expression of one input. */
public interface UnaryExpression extends Expression {
  Expression child();

  /** This expression over another child. */
  Expression withChild(Expression child);

  @Override
  default List<Expression> children() {
    return List.of(child());
  }

  @Override
  default Expression withNewChildren(List<Expression> children) {
    return withChild(children.get(0));
  }
}
