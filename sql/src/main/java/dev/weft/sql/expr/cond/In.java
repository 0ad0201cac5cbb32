package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (e1, e2, ...)} in three-valued logic: NULL when {@code value} is NULL; TRUE when
 * it equals an element; else NULL when an element is NULL, else FALSE. The elements have the
 * value's type (the analyzer casts them all to a common type).
 */
public record In(Expression value, List<Expression> list) implements Expression {

  public In {
    list = List.copyOf(list);
  }

  @Override
  public List<Expression> children() {
    List<Expression> out = new ArrayList<>(list.size() + 1);
    out.add(value);
    out.addAll(list);
    return out;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new In(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return children().stream().anyMatch(Expression::nullable);
  }

  @Override
  public String checkInputTypes() {
    DataType t = value.dataType();
    for (Expression e : list) {
      DataType et = e.dataType();
      if (!et.equals(t) && et.kind() != DataType.Kind.NULL && t.kind() != DataType.Kind.NULL) {
        return "differing types in "
            + sql()
            + ": "
            + t.simpleString()
            + " and "
            + et.simpleString();
      }
    }
    if (t.kind() == DataType.Kind.MAP) {
      return "values of type " + t.simpleString() + " cannot be compared in " + sql();
    }
    return null;
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = value.eval(input);
    if (v == null) {
      return null;
    }
    DataType t = value.dataType();
    boolean sawNull = false;
    for (Expression e : list) {
      Object x = e.eval(input);
      if (x == null) {
        sawNull = true;
      } else if (ValueOrdering.equal(t, v, x)) {
        return true;
      }
    }
    return sawNull ? null : false;
  }

  @Override
  public String sql() {
    StringBuilder b = new StringBuilder("(").append(value.sql()).append(" IN (");
    for (int i = 0; i < list.size(); i++) {
      b.append(i > 0 ? ", " : "").append(list.get(i).sql());
    }
    return b.append("))").toString();
  }
}
