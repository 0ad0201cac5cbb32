package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/** {@code child IS NULL}; never NULL itself. */
public record IsNull(Expression child) implements UnaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public Object eval(InternalRow input) {
    return child.eval(input) == null;
  }

  @Override
  public Expression withChild(Expression c) {
    return new IsNull(c);
  }

  @Override
  public String sql() {
    return "(" + child.sql() + " IS NULL)";
  }
}
