package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/** {@code left <=> right}: true when both are NULL, false when one is; never NULL. */
public record EqualNullSafe(Expression left, Expression right) implements BinaryExpression {

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public String checkInputTypes() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    return l.equals(r)
        ? null
        : "cannot compare " + l.simpleString() + " with " + r.simpleString() + " in " + sql();
  }

  @Override
  public Object eval(InternalRow input) {
    Object l = left.eval(input);
    Object r = right.eval(input);
    if (l == null || r == null) {
      return l == null && r == null;
    }
    return ValueOrdering.equal(left.dataType(), l, r);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new EqualNullSafe(l, r);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " <=> " + right.sql() + ")";
  }
}
