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
import java.util.List;

/**
 * {@code sum(x)}: a bigint for integral input (overflow wraps, as Spark non-ANSI), a double for
 * float and double, a decimal(p + 10, s) for decimal(p, s) (NULL once the running sum does not fit
 * it, even if later values would bring it back, as Spark's hash aggregation behaves). NULL for an
 * empty group or one whose values are all NULL.
 *
 * <p>Buffer: the sum so far (NULL while no value was added) and a flag "a decimal sum overflowed".
 */
public record Sum(Expression child)
    implements AggregateFunction, UnaryExpression, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.Family.NUMERIC);
  }

  @Override
  public DataType dataType() {
    DataType t = child.dataType();
    if (t instanceof DecimalType d) {
      return DecimalPrecision.bounded(d.precision() + 10, d.scale());
    }
    return t.isIntegral() ? DataTypes.LongType : DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression c) {
    return new Sum(c);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType(), DataTypes.BooleanType);
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = null;
    buffer[offset + 1] = false;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    Object v = child.eval(input);
    if (v != null) {
      add(buffer, offset, v);
    }
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    if ((Boolean) partial[partialOffset + 1]) {
      buffer[offset] = null;
      buffer[offset + 1] = true;
    } else if (partial[partialOffset] != null) {
      add(buffer, offset, partial[partialOffset]);
    }
  }

  private void add(Object[] buffer, int offset, Object v) {
    if ((Boolean) buffer[offset + 1]) {
      return; // a decimal sum that overflowed stays NULL
    }
    Object sum = buffer[offset];
    DataType t = dataType();
    switch (t.kind()) {
      case LONG -> buffer[offset] = (sum == null ? 0L : (Long) sum) + ((Number) v).longValue();
      case DOUBLE ->
          buffer[offset] = (sum == null ? 0.0 : (Double) sum) + ((Number) v).doubleValue();
      default -> {
        BigDecimal s = sum == null ? (BigDecimal) v : ((BigDecimal) sum).add((BigDecimal) v);
        BigDecimal fitted = Casts.toDecimal(s, (DecimalType) t);
        buffer[offset] = fitted;
        buffer[offset + 1] = fitted == null;
      }
    }
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return buffer[offset];
  }
}
