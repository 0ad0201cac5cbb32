package dev.weft.sql.expr;

import java.util.List;

/** An expression of two inputs. */
public interface BinaryExpression extends Expression {
  Expression left();

  Expression right();

  /** This expression over other children. */
  Expression withChildren(Expression left, Expression right);

  @Override
  default List<Expression> children() {
    return List.of(left(), right());
  }

  @Override
  default Expression withNewChildren(List<Expression> children) {
    return withChildren(children.get(0), children.get(1));
  }
}
