package dev.weft.sql.exec;

import dev.weft.sql.expr.InternalRow;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Rough heap sizes of internal values, for operators that account their tables' memory. */
final class RowSizes {
  private RowSizes() {}

  /** The estimated heap bytes of an array of internal values and what it references. */
  static long estimate(Object[] values) {
    long size = 16L + 8L * values.length;
    for (Object v : values) {
      size += estimateValue(v);
    }
    return size;
  }

  private static long estimateValue(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return 48L + s.length();
    }
    if (v instanceof byte[] b) {
      return 16L + b.length;
    }
    if (v instanceof BigDecimal) {
      return 64;
    }
    if (v instanceof InternalRow r) {
      return 16 + estimate(r.values());
    }
    if (v instanceof Collection<?> c) {
      return 32 + estimate(c.toArray());
    }
    if (v instanceof Map<?, ?> m) {
      return 48 + 32L * m.size() + estimate(m.keySet().toArray()) + estimate(m.values().toArray());
    }
    return 16; // a boxed number, boolean or date
  }
}
