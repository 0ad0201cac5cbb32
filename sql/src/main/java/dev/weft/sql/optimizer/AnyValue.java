package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code any_value(child)}: the value of some row of the group (the first one seen). Its buffer is
 * the value and whether a row was seen. Used for the non-key columns of {@code dropDuplicates}.
 */
public record AnyValue(Expression child) implements AggregateFunction, UnaryExpression {
  @Override
  public Expression withChild(Expression c) {
    return new AnyValue(c);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(child.dataType(), DataTypes.BooleanType);
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = null;
    buffer[offset + 1] = false;
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    if (!(Boolean) buffer[offset + 1]) {
      buffer[offset] = child.eval(input);
      buffer[offset + 1] = true;
    }
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    if (!(Boolean) buffer[offset + 1] && (Boolean) partial[partialOffset + 1]) {
      buffer[offset] = partial[partialOffset];
      buffer[offset + 1] = true;
    }
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return buffer[offset];
  }

  @Override
  public String prettyName() {
    return "any_value";
  }

  @Override
  public Object eval(InternalRow input) {
    return AggregateFunction.super.eval(input);
  }

  @Override
  public boolean foldable() {
    return false;
  }
}
