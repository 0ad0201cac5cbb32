package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/** {@code left OR right} in three-valued logic: TRUE if either is TRUE, else NULL if either is. */
public record Or(Expression left, Expression right) implements BinaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable();
  }

  @Override
  public String checkInputTypes() {
    String l = Predicates.checkBoolean(this, left);
    return l != null ? l : Predicates.checkBoolean(this, right);
  }

  @Override
  public Object eval(InternalRow input) {
    Object l = left.eval(input);
    if (Boolean.TRUE.equals(l)) {
      return true;
    }
    Object r = right.eval(input);
    if (Boolean.TRUE.equals(r)) {
      return true;
    }
    return l == null || r == null ? null : false;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Or(l, r);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " OR " + right.sql() + ")";
  }
}
