package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/**
 * A comparison of two values of the same type (the analyzer casts them to a common type first);
 * NULL when either side is NULL.
 */
public interface Comparison extends BinaryExpression, NullIntolerant {

  /** The operator as SQL writes it: {@code =}, {@code <}, ... */
  String symbol();

  @Override
  default DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  default String checkInputTypes() {
    DataType l = left().dataType();
    DataType r = right().dataType();
    if (!l.equals(r)) {
      return "cannot compare " + l.simpleString() + " with " + r.simpleString() + " in " + sql();
    }
    if (!l.isOrderable() && !(this instanceof EqualTo)) {
      return "values of type " + l.simpleString() + " cannot be ordered in " + sql();
    }
    return null;
  }

  @Override
  default String sql() {
    return "(" + left().sql() + " " + symbol() + " " + right().sql() + ")";
  }

  /** The comparison's result for the sign of compare(left, right). */
  boolean test(int comparison);

  @Override
  default Object eval(InternalRow input) {
    Object l = left().eval(input);
    if (l == null) {
      return null;
    }
    Object r = right().eval(input);
    if (r == null) {
      return null;
    }
    return nullSafeEval(new Object[] {l, r});
  }

  @Override
  default Object nullSafeEval(Object[] inputs) {
    return test(ValueOrdering.compare(left().dataType(), inputs[0], inputs[1]));
  }
}
