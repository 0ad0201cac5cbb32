package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code left / right}: always fractional, on doubles or decimals (the analyzer casts other numbers
 * to double, or integral operands of a decimal to decimal, as Spark does); NULL when {@code right}
 * is zero, also for doubles (Spark non-ANSI). Decimals divide to 38 fractional digits, rounded
 * half-up, and then to the result type of {@link DecimalPrecision#divide}.
 */
public record Divide(Expression left, Expression right) implements BinaryArithmetic {
  @Override
  public String symbol() {
    return "/";
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    String error = BinaryArithmetic.super.checkInputTypes();
    if (error != null) {
      return error;
    }
    DataType t = dataType();
    return t.kind() == Kind.DOUBLE || t.kind() == Kind.DECIMAL || t.kind() == Kind.NULL
        ? null
        : sql() + " requires double or decimal operands, not " + t.simpleString();
  }

  @Override
  public DecimalType decimalType(DecimalType l, DecimalType r) {
    return DecimalPrecision.divide(l, r);
  }

  @Override
  public Long longOp(long a, long b) {
    throw new IllegalStateException("integral division by / (the analyzer casts to double)");
  }

  @Override
  public Double doubleOp(double a, double b) {
    return b == 0 ? null : a / b;
  }

  @Override
  public BigDecimal decimalOp(BigDecimal a, BigDecimal b) {
    return b.signum() == 0 ? null : a.divide(b, DecimalType.MAX_PRECISION, RoundingMode.HALF_UP);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Divide(l, r);
  }
}
