package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;

/** The value at {@code ordinal} of the input row: what an attribute becomes for evaluation. */
public record BoundReference(int ordinal, DataType dataType, boolean nullable)
    implements LeafExpression {

  @Override
  public Object eval(InternalRow input) {
    return input.get(ordinal);
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    return "input[" + ordinal + "]";
  }

  @Override
  public String toString() {
    return "input[" + ordinal + ", " + dataType.simpleString() + "]";
  }
}
