package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/**
 * {@code left AND right} in three-valued logic: FALSE if either is FALSE, else NULL if either is.
 */
public record And(Expression left, Expression right) implements BinaryExpression {
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
    if (Boolean.FALSE.equals(l)) {
      return false;
    }
    Object r = right.eval(input);
    if (Boolean.FALSE.equals(r)) {
      return false;
    }
    return l == null || r == null ? null : true;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new And(l, r);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " AND " + right.sql() + ")";
  }
}
