package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code first(x[, ignoreNulls])} and, with {@code last}, {@code last(x[, ignoreNulls])}: the value
 * of the first (last) row of the group, or of the first (last) row where it is not NULL.
 * Order-dependent, as in Spark: which row is first depends on the order rows arrive in and partial
 * buffers are merged, which is deterministic only after a sort in the same stage.
 *
 * <p>Buffer: the value and whether one was taken.
 */
public record First(Expression child, boolean ignoreNulls, boolean last)
    implements AggregateFunction, UnaryExpression {

  /** {@code first(x)}, NULLs not ignored. */
  public First(Expression child) {
    this(child, false, false);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression c) {
    return new First(c, ignoreNulls, last);
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
    take(buffer, offset, v, v != null || !ignoreNulls);
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    take(buffer, offset, partial[partialOffset], (Boolean) partial[partialOffset + 1]);
  }

  private void take(Object[] buffer, int offset, Object v, boolean present) {
    if (present && (last || !(Boolean) buffer[offset + 1])) {
      buffer[offset] = v;
      buffer[offset + 1] = true;
    }
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return buffer[offset];
  }

  @Override
  public String prettyName() {
    return last ? "last" : "first";
  }

  @Override
  public String sql() {
    return prettyName() + "(" + child.sql() + (ignoreNulls ? ") IGNORE NULLS" : ")");
  }
}
