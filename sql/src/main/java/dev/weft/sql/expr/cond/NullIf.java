package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;

/** {@code nullif(left, right)}: NULL when {@code left = right} is TRUE, else {@code left}. */
public record NullIf(Expression left, Expression right) implements BinaryExpression {

  @Override
  public DataType dataType() {
    return left.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    return l.equals(r) || l.kind() == DataType.Kind.NULL || r.kind() == DataType.Kind.NULL
        ? null
        : "differing types in " + sql() + ": " + l.simpleString() + " and " + r.simpleString();
  }

  @Override
  public Object eval(InternalRow input) {
    Object l = left.eval(input);
    if (l == null) {
      return null;
    }
    Object r = right.eval(input);
    return r != null && ValueOrdering.equal(left.dataType(), l, r) ? null : l;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new NullIf(l, r);
  }
}
