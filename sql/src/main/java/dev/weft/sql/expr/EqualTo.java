package dev.weft.sql.expr;

/** {@code left = right}; NULL when either side is NULL. */
public record EqualTo(Expression left, Expression right) implements Comparison {
  @Override
  public String symbol() {
    return "=";
  }

  @Override
  public boolean test(int c) {
    return c == 0;
  }

  /** Equality as SQL's {@code =}: also for types without an order (maps are refused). */
  @Override
  public Object nullSafeEval(Object[] inputs) {
    return ValueOrdering.equal(left.dataType(), inputs[0], inputs[1]);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new EqualTo(l, r);
  }
}
