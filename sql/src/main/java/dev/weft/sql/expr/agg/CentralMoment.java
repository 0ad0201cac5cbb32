package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.Locale;

/**
 * {@code var_samp}, {@code var_pop}, {@code stddev_samp}, {@code stddev_pop} of a double (other
 * numbers are cast): NULL for an empty group, and for the sample statistics of one row (Spark 3+
 * without {@code spark.sql.legacy.statisticalAggregate}).
 *
 * <p>Buffer: count, mean and sum of squared deviations (Welford's update; partials combine with
 * Chan's formula), all doubles, as Spark's.
 */
public record CentralMoment(Expression child, Stat stat)
    implements AggregateFunction, UnaryExpression, ImplicitCastInputTypes {

  /** The statistic. */
  public enum Stat {
    VAR_SAMP,
    VAR_POP,
    STDDEV_SAMP,
    STDDEV_POP
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.DOUBLE);
  }

  @Override
  public DataType dataType() {
    return DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression c) {
    return new CentralMoment(c, stat);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType);
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = 0.0;
    buffer[offset + 1] = 0.0;
    buffer[offset + 2] = 0.0;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    Object v = child.eval(input);
    if (v == null) {
      return;
    }
    double x = ((Number) v).doubleValue();
    double n = (Double) buffer[offset] + 1;
    double avg = (Double) buffer[offset + 1];
    double delta = x - avg;
    double deltaN = delta / n;
    buffer[offset] = n;
    buffer[offset + 1] = avg + deltaN;
    buffer[offset + 2] = (Double) buffer[offset + 2] + delta * (delta - deltaN);
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    double n1 = (Double) buffer[offset];
    double n2 = (Double) partial[partialOffset];
    if (n2 == 0) {
      return;
    }
    double n = n1 + n2;
    double avg1 = (Double) buffer[offset + 1];
    double delta = (Double) partial[partialOffset + 1] - avg1;
    double deltaN = delta / n;
    buffer[offset] = n;
    buffer[offset + 1] = avg1 + deltaN * n2;
    buffer[offset + 2] =
        (Double) buffer[offset + 2]
            + (Double) partial[partialOffset + 2]
            + delta * deltaN * n1 * n2;
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    double n = (Double) buffer[offset];
    double m2 = (Double) buffer[offset + 2];
    boolean sample = stat == Stat.VAR_SAMP || stat == Stat.STDDEV_SAMP;
    if (n == 0 || (sample && n == 1)) {
      return null;
    }
    double variance = m2 / (sample ? n - 1 : n);
    return stat == Stat.STDDEV_SAMP || stat == Stat.STDDEV_POP ? Math.sqrt(variance) : variance;
  }

  @Override
  public String prettyName() {
    return stat.name().toLowerCase(Locale.ROOT);
  }
}
