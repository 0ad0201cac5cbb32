package dev.weft.sql.expr.complex;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;

/** {@code struct.field}: the field at {@code ordinal} of a struct; NULL when the struct is. */
public record GetStructField(Expression child, int ordinal, String name)
    implements UnaryExpression {

  private StructField field() {
    return ((StructType) child.dataType()).field(ordinal);
  }

  @Override
  public DataType dataType() {
    return field().dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable() || field().nullable();
  }

  @Override
  public String checkInputTypes() {
    return child.dataType() instanceof StructType s && ordinal >= 0 && ordinal < s.size()
        ? null
        : "cannot extract field "
            + name
            + " from "
            + child.dataType().simpleString()
            + " in "
            + sql();
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = child.eval(input);
    return v == null ? null : ((InternalRow) v).get(ordinal);
  }

  @Override
  public Expression withChild(Expression c) {
    return new GetStructField(c, ordinal, name);
  }

  @Override
  public String sql() {
    return child.sql() + "." + name;
  }
}
