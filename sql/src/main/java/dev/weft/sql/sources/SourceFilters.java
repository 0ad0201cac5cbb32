package dev.weft.sql.sources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Helpers of {@link SourceFilter}. */
final class SourceFilters {
  private SourceFilters() {}

  /** Compares two user values of one type; null when either is null (unknown). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Integer compare(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.compareUnsigned(x, y);
    }
    if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
      return new java.math.BigDecimal(x.toString())
          .compareTo(new java.math.BigDecimal(y.toString()));
    }
    return ((Comparable) a).compareTo(b);
  }

  static List<String> concat(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
