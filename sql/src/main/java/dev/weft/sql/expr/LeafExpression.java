package dev.weft.sql.expr;

import java.util.List;

/** An expression without children (literals, attributes). */
public interface LeafExpression extends Expression {
  @Override
  default List<Expression> children() {
    return List.of();
  }

  @Override
  default Expression withNewChildren(List<Expression> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException(prettyName() + " has no children");
    }
    return this;
  }
}
