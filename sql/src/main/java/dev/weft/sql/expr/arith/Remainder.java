package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;

/**
 * {@code left % right}: the remainder of the division truncated toward zero, so it has the sign of
 * {@code left} (as Java's {@code %}); NULL when {@code right} is zero (Spark non-ANSI).
 */
public record Remainder(Expression left, Expression right) implements BinaryArithmetic {
  @Override
  public String symbol() {
    return "%";
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public DecimalType decimalType(DecimalType l, DecimalType r) {
    return DecimalPrecision.remainder(l, r);
  }

  @Override
  public Long longOp(long a, long b) {
    return b == 0 ? null : a % b;
  }

  @Override
  public Double doubleOp(double a, double b) {
    return b == 0 ? null : a % b;
  }

  @Override
  public BigDecimal decimalOp(BigDecimal a, BigDecimal b) {
    return b.signum() == 0 ? null : a.remainder(b);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Remainder(l, r);
  }
}
