package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;

/**
 * {@code left div right}: the quotient truncated toward zero, as a bigint, of two bigints or two
 * decimals (the analyzer casts smaller integral types to bigint); NULL when {@code right} is zero.
 * {@code Long.MIN_VALUE div -1} wraps to {@code Long.MIN_VALUE}, and a decimal quotient beyond
 * bigint keeps its low 64 bits, as in Spark non-ANSI.
 */
public record IntegralDivide(Expression left, Expression right)
    implements BinaryExpression, NullIntolerant {

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    for (DataType t : new DataType[] {l, r}) {
      if (t.kind() != Kind.LONG && t.kind() != Kind.DECIMAL && t.kind() != Kind.NULL) {
        return sql() + " requires bigint or decimal operands, not " + t.simpleString();
      }
    }
    if (l.kind() != r.kind() && l.kind() != Kind.NULL && r.kind() != Kind.NULL) {
      return "differing types in " + sql() + ": " + l.simpleString() + " and " + r.simpleString();
    }
    return null;
  }

  @Override
  public Object nullSafeEval(Object[] inputs) {
    if (inputs[0] instanceof Long a) {
      long b = (Long) inputs[1];
      return b == 0 ? null : a / b;
    }
    BigDecimal b = (BigDecimal) inputs[1];
    return b.signum() == 0 ? null : ((BigDecimal) inputs[0]).divideToIntegralValue(b).longValue();
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new IntegralDivide(l, r);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " div " + right.sql() + ")";
  }
}
