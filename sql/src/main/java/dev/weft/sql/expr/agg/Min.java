package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;
import java.util.List;

/**
 * {@code min(x)}: the smallest non-NULL value in SQL order (NaN above every other double), of any
 * orderable type; NULL for an empty or all-NULL group. Buffer: the smallest value so far.
 */
public record Min(Expression child) implements AggregateFunction, UnaryExpression {

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    return child.dataType().isOrderable()
        ? null
        : sql() + " needs an orderable argument, not " + child.dataType().simpleString();
  }

  @Override
  public Expression withChild(Expression c) {
    return new Min(c);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType());
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = null;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    offer(buffer, offset, child.eval(input));
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    offer(buffer, offset, partial[partialOffset]);
  }

  private void offer(Object[] buffer, int offset, Object v) {
    if (v != null
        && (buffer[offset] == null || ValueOrdering.compare(dataType(), v, buffer[offset]) < 0)) {
      buffer[offset] = v;
    }
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return buffer[offset];
  }
}
