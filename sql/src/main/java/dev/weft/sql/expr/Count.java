package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code count(expr, ...)}: the rows where no argument is NULL; {@code count(*)} is {@code
 * count(1)}. Never NULL: 0 for an empty group.
 */
public record Count(List<Expression> children) implements AggregateFunction {

  public Count {
    children = List.copyOf(children);
  }

  /** {@code count(*)}. */
  public static Count star() {
    return new Count(List.of(Literal.of(1)));
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Count(c);
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.LongType);
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = 0L;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    for (Expression c : children) {
      if (c.eval(input) == null) {
        return;
      }
    }
    buffer[offset] = (Long) buffer[offset] + 1;
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    buffer[offset] = (Long) buffer[offset] + (Long) partial[partialOffset];
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return buffer[offset];
  }
}
