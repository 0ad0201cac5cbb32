package dev.weft.sql.expr.math;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.TypeChecks;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code greatest(e1, e2, ...)} and {@code least(...)}: the largest (smallest) non-NULL argument,
 * NULL only when all are; the arguments share one orderable type (the analyzer casts them).
 */
public record GreatestLeast(List<Expression> children, boolean greatest) implements Expression {

  public GreatestLeast {
    children = List.copyOf(children);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new GreatestLeast(c, greatest);
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
    if (children.size() < 2) {
      return prettyName() + " needs at least two arguments, got " + children.size();
    }
    String e =
        TypeChecks.sameType(
            this,
            children.stream().filter(c -> c.dataType().kind() != DataType.Kind.NULL).toList());
    if (e == null && !dataType().isOrderable()) {
      return "values of type " + dataType().simpleString() + " cannot be ordered in " + sql();
    }
    return e;
  }

  @Override
  public Object eval(InternalRow input) {
    DataType t = dataType();
    Object best = null;
    for (Expression c : children) {
      Object v = c.eval(input);
      if (v != null) {
        if (best == null) {
          best = v;
        } else {
          int cmp = ValueOrdering.compare(t, v, best);
          if (greatest ? cmp > 0 : cmp < 0) {
            best = v;
          }
        }
      }
    }
    return best;
  }

  @Override
  public String prettyName() {
    return greatest ? "greatest" : "least";
  }
}
