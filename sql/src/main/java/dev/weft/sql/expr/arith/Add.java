package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;

/** {@code left + right}; integral overflow wraps, decimal overflow is NULL (Spark non-ANSI). */
public record Add(Expression left, Expression right) implements BinaryArithmetic {
  @Override
  public String symbol() {
    return "+";
  }

  @Override
  public DecimalType decimalType(DecimalType l, DecimalType r) {
    return DecimalPrecision.add(l, r);
  }

  @Override
  public Long longOp(long a, long b) {
    return a + b;
  }

  @Override
  public Double doubleOp(double a, double b) {
    return a + b;
  }

  @Override
  public BigDecimal decimalOp(BigDecimal a, BigDecimal b) {
    return a.add(b);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Add(l, r);
  }
}
