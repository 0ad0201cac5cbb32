package dev.weft.sql.expr.complex;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import java.util.List;

/**
 * {@code array[index]}: the element at the 0-based {@code index} (an integral value); NULL when the
 * index is negative or past the end (Spark non-ANSI), or either side is NULL.
 */
public record GetArrayItem(Expression left, Expression right) implements BinaryExpression {

  @Override
  public DataType dataType() {
    return ((ArrayType) left.dataType()).elementType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    if (!(left.dataType() instanceof ArrayType)) {
      return "cannot index " + left.dataType().simpleString() + " in " + sql();
    }
    DataType t = right.dataType();
    return t.isIntegral() || t.kind() == DataType.Kind.NULL
        ? null
        : "the index of " + sql() + " must be integral, not " + t.simpleString();
  }

  @Override
  public Object eval(InternalRow input) {
    Object a = left.eval(input);
    if (a == null) {
      return null;
    }
    Object i = right.eval(input);
    if (i == null) {
      return null;
    }
    long index = ((Number) i).longValue();
    List<?> list = (List<?>) a;
    return index < 0 || index >= list.size() ? null : list.get((int) index);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new GetArrayItem(l, r);
  }

  @Override
  public String sql() {
    return left.sql() + "[" + right.sql() + "]";
  }
}
