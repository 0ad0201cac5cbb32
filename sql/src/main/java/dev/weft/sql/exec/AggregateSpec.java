package dev.weft.sql.exec;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregate functions of one aggregation with their buffer layout: function i's slots start at
 * {@code offsets[i]} of a buffer of {@code width} slots, as partial rows carry them.
 */
final class AggregateSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  final AggregateFunction[] functions;
  final int[] offsets;
  final int width;

  /** Functions bound to the input of their update (for partial aggregation) or unbound. */
  AggregateSpec(List<AggregateFunction> functions) {
    this.functions = functions.toArray(new AggregateFunction[0]);
    this.offsets = new int[this.functions.length];
    int w = 0;
    for (int i = 0; i < this.functions.length; i++) {
      offsets[i] = w;
      w += this.functions[i].bufferTypes().size();
    }
    this.width = w;
  }

  static AggregateSpec bound(List<AggregateFunction> functions, List<AttributeReference> input) {
    List<AggregateFunction> bound = new ArrayList<>();
    for (AggregateFunction f : functions) {
      bound.add((AggregateFunction) Binder.bind(f, input));
    }
    return new AggregateSpec(bound);
  }

  List<DataType> bufferTypes() {
    List<DataType> types = new ArrayList<>();
    for (AggregateFunction f : functions) {
      types.addAll(f.bufferTypes());
    }
    return types;
  }

  /** Whether a buffer grows with the values merged into it (collections, e.g. collect_set). */
  boolean hasGrowingBuffers() {
    for (DataType t : bufferTypes()) {
      if (t.kind() == DataType.Kind.ARRAY || t.kind() == DataType.Kind.MAP) {
        return true;
      }
    }
    return false;
  }

  Object[] newBuffer() {
    Object[] b = new Object[width];
    for (int i = 0; i < functions.length; i++) {
      functions[i].initialize(b, offsets[i]);
    }
    return b;
  }

  void update(Object[] buffer, InternalRow input) {
    for (int i = 0; i < functions.length; i++) {
      functions[i].update(buffer, offsets[i], input);
    }
  }

  void merge(Object[] buffer, Object[] partial) {
    for (int i = 0; i < functions.length; i++) {
      functions[i].merge(buffer, offsets[i], partial, offsets[i]);
    }
  }

  /** The group's key values followed by each function's result. */
  InternalRow result(Object[] keyValues, Object[] buffer) {
    Object[] out = new Object[keyValues.length + functions.length];
    System.arraycopy(keyValues, 0, out, 0, keyValues.length);
    for (int i = 0; i < functions.length; i++) {
      out[keyValues.length + i] = functions[i].evaluate(buffer, offsets[i]);
    }
    return new InternalRow(out);
  }
}
