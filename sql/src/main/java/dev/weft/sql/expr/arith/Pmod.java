package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;

/**
 * {@code pmod(left, right)}: the remainder made non-negative for a positive divisor ({@code
 * pmod(-7, 3)} is 2); NULL when {@code right} is zero.
 */
public record Pmod(Expression left, Expression right) implements BinaryArithmetic {
  @Override
  public String symbol() {
    return "pmod";
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String prettyName() {
    return "pmod";
  }

  @Override
  public String sql() {
    return "pmod(" + left.sql() + ", " + right.sql() + ")";
  }

  @Override
  public DecimalType decimalType(DecimalType l, DecimalType r) {
    return DecimalPrecision.remainder(l, r);
  }

  @Override
  public Long longOp(long a, long b) {
    if (b == 0) {
      return null;
    }
    long r = a % b;
    return r < 0 ? (r + b) % b : r;
  }

  @Override
  public Double doubleOp(double a, double b) {
    if (b == 0) {
      return null;
    }
    double r = a % b;
    return r < 0 ? (r + b) % b : r;
  }

  @Override
  public BigDecimal decimalOp(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      return null;
    }
    BigDecimal r = a.remainder(b);
    return r.signum() < 0 ? r.add(b).remainder(b) : r;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Pmod(l, r);
  }
}
