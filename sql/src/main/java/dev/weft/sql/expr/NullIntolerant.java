package dev.weft.sql.expr;

/**
 * An expression that is null whenever any input is null, and otherwise computes its value from the
 * non-null inputs with {@link #nullSafeEval}. The optimizer relies on it: a filter on a
 * null-intolerant expression of a column rejects the rows where that column is null (outer-join
 * elimination, {@code isNotNull} inference).
 */
public interface NullIntolerant extends Expression {

  /** The value for non-null inputs, in {@link #children()} order. */
  Object nullSafeEval(Object[] inputs);

  @Override
  default Object eval(InternalRow input) {
    java.util.List<Expression> children = children();
    Object[] values = new Object[children.size()];
    for (int i = 0; i < values.length; i++) {
      Object v = children.get(i).eval(input);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    return nullSafeEval(values);
  }

  @Override
  default boolean nullable() {
    for (Expression c : children()) {
      if (c.nullable()) {
        return true;
      }
    }
    return false;
  }
}
