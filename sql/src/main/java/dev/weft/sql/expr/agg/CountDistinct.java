package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;

/**
 * {@code count(DISTINCT x, ...)}: the number of distinct tuples of the arguments among the rows
 * where none is NULL; 0 for an empty group.
 *
 * <p>Buffer: the distinct tuples seen so far, as an array of structs. This is correct, also across
 * partial aggregation and merge, but holds every distinct tuple of a group in memory; the planner
 * may instead rewrite distinct aggregates into two aggregations (as Spark's {@code
 * RewriteDistinctAggregates}) for large groups.
 */
public record CountDistinct(List<Expression> children) implements AggregateFunction {

  public CountDistinct {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("count(DISTINCT ...) needs at least one argument");
    }
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new CountDistinct(c);
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
  public String checkInputTypes() {
    for (Expression c : children) {
      if (c.dataType().kind() == DataType.Kind.MAP) {
        return sql() + " cannot compare values of type " + c.dataType().simpleString();
      }
    }
    return null;
  }

  private StructType tupleType() {
    StructType t = StructType.of();
    for (int i = 0; i < children.size(); i++) {
      t = t.add("_" + (i + 1), children.get(i).dataType(), false);
    }
    return t;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.createArrayType(tupleType(), false));
  }

  @Override
  public void initialize(Object[] buffer, int offset) {
    buffer[offset] = new DistinctList();
  }

  @Override
  public void update(Object[] buffer, int offset, InternalRow input) {
    Object[] tuple = new Object[children.size()];
    for (int i = 0; i < tuple.length; i++) {
      tuple[i] = children.get(i).eval(input);
      if (tuple[i] == null) {
        return;
      }
    }
    DistinctList set = DistinctList.of(buffer[offset]);
    buffer[offset] = set;
    set.add(new InternalRow(tuple));
  }

  @Override
  public void merge(Object[] buffer, int offset, Object[] partial, int partialOffset) {
    DistinctList set = DistinctList.of(buffer[offset]);
    buffer[offset] = set;
    for (Object v : (List<?>) partial[partialOffset]) {
      set.add(v);
    }
  }

  @Override
  public Object evaluate(Object[] buffer, int offset) {
    return (long) ((List<?>) buffer[offset]).size();
  }

  @Override
  public String sql() {
    StringBuilder b = new StringBuilder("count(DISTINCT ");
    for (int i = 0; i < children.size(); i++) {
      b.append(i > 0 ? ", " : "").append(children.get(i).sql());
    }
    return b.append(')').toString();
  }
}
