package dev.weft.sql.sources.parquet;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.filter2.predicate.Statistics;
import org.apache.parquet.filter2.predicate.UserDefinedPredicate;
import org.apache.parquet.io.api.Binary;

/**
 * {@code column LIKE 'prefix%'} over a Parquet string column: keeps values whose UTF-8 bytes start
 * with the prefix's, and drops a row group or page whose min and max, cut to the prefix's length,
 * show that no value (or, negated, every value) starts with it. UTF-8 byte order is the order of
 * Parquet's string statistics, so the cut bounds bound every value's start.
 */
final class StartsWith extends UserDefinedPredicate<Binary> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] prefix;

  StartsWith(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean keep(Binary value) {
    if (value == null || value.length() < prefix.length) {
      return false;
    }
    byte[] v = value.getBytesUnsafe();
    return Arrays.equals(v, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean canDrop(Statistics<Binary> statistics) {
    Binary min = statistics.getMin();
    Binary max = statistics.getMax();
    if (min == null || max == null) {
      return false;
    }
    return compareCut(max) < 0 || compareCut(min) > 0;
  }

  @Override
  public boolean inverseCanDrop(Statistics<Binary> statistics) {
    Binary min = statistics.getMin();
    Binary max = statistics.getMax();
    if (min == null || max == null) {
      return false;
    }
    return compareCut(min) == 0 && compareCut(max) == 0;
  }

  /** The value cut to the prefix's length compared with the prefix, as unsigned bytes. */
  private int compareCut(Binary value) {
    byte[] v = value.getBytesUnsafe();
    int n = Math.min(v.length, prefix.length);
    return Arrays.compareUnsigned(v, 0, n, prefix, 0, prefix.length);
  }

  @Override
  public String toString() {
    return "StartsWith(" + new String(prefix, StandardCharsets.UTF_8) + ")";
  }
}
