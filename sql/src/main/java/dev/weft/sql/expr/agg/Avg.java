package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Casts;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.expr.arith.DecimalPrecision;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code avg(x)}: the mean of the non-NULL values, NULL for none; a double, or a decimal(p + 4, s +
 * 4) for decimal(p, s) input, computed as Spark does (the exact sum divided with {@code /}'s
 * decimal rules, then rounded half-up to the result type; NULL when the sum overflows).
 *
 * <p>Buffer: the sum (double, or decimal(p + 10, s)) and the count.
 */
public record Avg(Expression child)
    implements AggregateFunction, UnaryExpression, ImplicitCastInputTypes {

  private static final DecimalType COUNT_DECIMAL = DataTypes.createDecimalType(20, 0);

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.Family.NUMERIC);
  }

  @Override
  public DataType dataType() {
    return child.dataType() instanceof DecimalType d
        ? DecimalPrecision.bounded(d.precision() + 4, d.scale() + 4)
        : DataTypes.DoubleType;
  }

  private DataType sumType() {
    return child.dataType() instanceof DecimalType d
        ? DecimalPrecision.bounded(d.precision() + 10, d.scale())
        : DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression c) {
    return new Avg(c);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(sumType(), DataTypes.LongType);
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = sumType() instanceof DecimalType d ? BigDecimal.ZERO.setScale(d.scale()) : 0.0;
    buffer[offset + 1] = 0L;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    Object v = child.eval(input);
    if (v != null) {
      add(buffer, offset, v, 1);
    }
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    long n = (Long) partial[partialOffset + 1];
    if (n > 0) {
      add(buffer, offset, partial[partialOffset], n);
    }
  }

  private void add(Object[] buffer, int offset, Object v, long n) {
    Object sum = buffer[offset];
    if (sum instanceof Double d) {
      buffer[offset] = d + ((Number) v).doubleValue();
    } else if (sum != null) {
      // A sum that overflowed is NULL with a positive count, and stays so.
      buffer[offset] =
          v == null
              ? null
              : Casts.toDecimal(((BigDecimal) sum).add((BigDecimal) v), (DecimalType) sumType());
    }
    buffer[offset + 1] = (Long) buffer[offset + 1] + n;
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    long n = (Long) buffer[offset + 1];
    Object sum = buffer[offset];
    if (n == 0 || sum == null) {
      return null;
    }
    if (sum instanceof Double d) {
      return d / n;
    }
    DecimalType divType = DecimalPrecision.divide((DecimalType) sumType(), COUNT_DECIMAL);
    BigDecimal q = ((BigDecimal) sum).divide(BigDecimal.valueOf(n), 38, RoundingMode.HALF_UP);
    BigDecimal quotient = Casts.toDecimal(q, divType);
    return quotient == null ? null : Casts.toDecimal(quotient, (DecimalType) dataType());
  }
}
