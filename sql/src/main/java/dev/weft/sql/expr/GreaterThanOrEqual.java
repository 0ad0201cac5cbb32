package dev.weft.sql.expr;

/** {@code left >= right}; NULL when either side is NULL. */
public record GreaterThanOrEqual(Expression left, Expression right) implements Comparison {
  @Override
  public String symbol() {
    return ">=";
  }

  @Override
  public boolean test(int c) {
    return c >= 0;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new GreaterThanOrEqual(l, r);
  }
}
