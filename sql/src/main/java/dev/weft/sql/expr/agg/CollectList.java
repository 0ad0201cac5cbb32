package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code collect_list(x)} and, with {@code distinct}, {@code collect_set(x)}: the non-NULL values
 * of the group as an array (an empty one for an empty group), in arrival order (which, as in Spark,
 * depends on the partitioning); the set keeps one of SQL-equal values. Memory grows with the group.
 *
 * <p>Buffer: the array so far.
 */
public record CollectList(Expression child, boolean distinct)
    implements AggregateFunction, UnaryExpression {

  /** {@code collect_list(x)}. */
  public CollectList(Expression child) {
    this(child, false);
  }

  @Override
  public DataType dataType() {
    return DataTypes.createArrayType(child.dataType(), false);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public String checkInputTypes() {
    return distinct && child.dataType().kind() == DataType.Kind.MAP
        ? sql() + " cannot hold values of type " + child.dataType().simpleString()
        : null;
  }

  @Override
  public Expression withChild(Expression c) {
    return new CollectList(c, distinct);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType());
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = distinct ? new DistinctList() : new ArrayList<>();
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    Object v = child.eval(input);
    if (v != null) {
      own(buffer, offset).add(v);
    }
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    List<Object> target = own(buffer, offset);
    for (Object v : (List<?>) partial[partialOffset]) {
      target.add(v);
    }
  }

  /** The buffer's list, replaced by one this aggregate may change if it is not (deserialized). */
  @SuppressWarnings("unchecked")
  private List<Object> own(Object[] buffer, int offset) {
    Object slot = buffer[offset];
    if (distinct) {
      DistinctList d = DistinctList.of(slot);
      buffer[offset] = d;
      return d;
    }
    if (!(slot instanceof ArrayList)) {
      slot = new ArrayList<>((List<Object>) slot);
      buffer[offset] = slot;
    }
    return (List<Object>) slot;
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return Collections.unmodifiableList(new ArrayList<>((List<?>) buffer[offset]));
  }

  @Override
  public String prettyName() {
    return distinct ? "collect_set" : "collect_list";
  }
}
