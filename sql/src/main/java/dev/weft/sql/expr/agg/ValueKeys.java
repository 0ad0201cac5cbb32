package dev.weft.sql.expr.agg;

import dev.weft.sql.expr.InternalRow;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys for hashing internal values by SQL equality, without knowing their type: binary by content,
 * {@code -0.0} as {@code 0.0} and every NaN as one, decimals by value, arrays and structs element
 * by element.
 */
final class ValueKeys {
  private ValueKeys() {}

  /** A struct's key, distinct from an array's of the same elements. */
  private record RowKey(List<Object> values) {}

  static Object key(Object v) {
    if (v instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    if (v instanceof Double d) {
      return d == 0.0 ? 0.0 : d.isNaN() ? Double.NaN : d;
    }
    if (v instanceof Float f) {
      return f == 0.0f ? 0.0f : f.isNaN() ? Float.NaN : f;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(key(e));
      }
      return out;
    }
    if (v instanceof InternalRow row) {
      List<Object> out = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        out.add(key(row.get(i)));
      }
      return new RowKey(out);
    }
    return v;
  }
}
