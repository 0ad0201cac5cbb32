package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.TypeChecks;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code coalesce(e1, e2, ...)}: the first argument that is not NULL, else NULL; later arguments
 * are not evaluated once one is found. The arguments share one type (the analyzer casts them).
 */
public record Coalesce(List<Expression> children) implements Expression {

  public Coalesce {
    children = List.copyOf(children);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Coalesce(c);
  }

  @Override
  public DataType dataType() {
    for (Expression c : children) {
      if (c.dataType().kind() != DataType.Kind.NULL) {
        return c.dataType();
      }
    }
    return DataTypes.NullType;
  }

  @Override
  public boolean nullable() {
    return children.stream().allMatch(Expression::nullable);
  }

  @Override
  public String checkInputTypes() {
    if (children.isEmpty()) {
      return "coalesce needs at least one argument";
    }
    return TypeChecks.sameType(
        this, children.stream().filter(c -> c.dataType().kind() != DataType.Kind.NULL).toList());
  }

  @Override
  public Object eval(InternalRow input) {
    for (Expression c : children) {
      Object v = c.eval(input);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
