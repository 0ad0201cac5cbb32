package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import java.util.List;

/** Size arithmetic for plan statistics: saturating at {@link Long#MAX_VALUE} (unknown). */
public final class Statistics {
  private Statistics() {}

  public static long multiply(long a, long b) {
    if (a == Long.MAX_VALUE || b == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long r = a * b;
    return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE : r;
  }

  public static long add(long a, long b) {
    long r = a + b;
    return (r < 0 || a == Long.MAX_VALUE || b == Long.MAX_VALUE) ? Long.MAX_VALUE : r;
  }

  /** The estimated bytes of one row of these columns (8 bytes of row overhead, as Spark). */
  public static long rowSize(List<AttributeReference> output) {
    long size = 8;
    for (AttributeReference a : output) {
      size += a.dataType().defaultSize();
    }
    return size;
  }

  /** {@code childSize} scaled to another row width. */
  public static long scale(
      long childSize, List<AttributeReference> from, List<AttributeReference> to) {
    if (childSize == Long.MAX_VALUE) {
      return childSize;
    }
    return Math.max(1, (long) ((double) childSize * rowSize(to) / rowSize(from)));
  }
}
