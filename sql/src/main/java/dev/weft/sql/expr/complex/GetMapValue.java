package dev.weft.sql.expr.complex;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.MapType;
import java.util.Map;

/** {@code map[key]}: the value of the key (SQL equality); NULL when absent or either is NULL. */
public record GetMapValue(Expression left, Expression right) implements BinaryExpression {

  @Override
  public DataType dataType() {
    return ((MapType) left.dataType()).valueType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    if (!(left.dataType() instanceof MapType m)) {
      return "cannot look up a key in " + left.dataType().simpleString() + " in " + sql();
    }
    DataType t = right.dataType();
    return t.equals(m.keyType()) || t.kind() == DataType.Kind.NULL
        ? null
        : "the key of "
            + sql()
            + " must be "
            + m.keyType().simpleString()
            + ", not "
            + t.simpleString();
  }

  @Override
  public Object eval(InternalRow input) {
    Object m = left.eval(input);
    if (m == null) {
      return null;
    }
    Object key = right.eval(input);
    if (key == null) {
      return null;
    }
    Map<?, ?> map = (Map<?, ?>) m;
    Object v = map.get(key);
    if (v != null) {
      return v;
    }
    // Keys equal in SQL but not in Java (binary, -0.0, decimals of another scale).
    DataType keyType = ((MapType) left.dataType()).keyType();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (ValueOrdering.equal(keyType, e.getKey(), key)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new GetMapValue(l, r);
  }

  @Override
  public String sql() {
    return left.sql() + "[" + right.sql() + "]";
  }
}
