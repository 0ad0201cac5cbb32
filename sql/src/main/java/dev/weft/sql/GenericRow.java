package dev.weft.sql;

import dev.weft.sql.types.StructType;
import java.util.Arrays;

/** A {@link Row} over an array of values. Rows are equal when their values are. */
final class GenericRow implements Row {
  private static final long serialVersionUID = 1L;

  private final Object[] values;
  private final StructType schema;

  GenericRow(Object[] values, StructType schema) {
    this.values = values;
    this.schema = schema;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Object get(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Row r) || r.size() != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!java.util.Objects.deepEquals(values[i], r.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  /** {@code [1,a,null]}, as Spark prints rows. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      Object v = values[i];
      b.append(v instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(v));
    }
    return b.append(']').toString();
  }
}
