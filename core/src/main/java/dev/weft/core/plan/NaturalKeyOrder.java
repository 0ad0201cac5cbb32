package dev.weft.core.plan;

/**
 * The natural order of {@link Comparable} keys with nulls first, ascending or descending, as used
 * by {@code sortByKey()} without a comparator. Strings, longs and ints get an exact-as-possible
 * sort prefix; other key types share one prefix and are ordered by {@link Comparable#compareTo}.
 */
public final class NaturalKeyOrder implements PrefixComparator<Object> {
  private static final long serialVersionUID = 1L;
  private static final int PREFIX_CHARS = 4;

  private final boolean ascending;

  /** The natural order, reversed when {@code ascending} is false (nulls then come last). */
  public NaturalKeyOrder(boolean ascending) {
    this.ascending = ascending;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compare(Object a, Object b) {
    int c;
    if (a == null || b == null) {
      c = a == null ? (b == null ? 0 : -1) : 1;
    } else {
      c = ((Comparable) a).compareTo(b);
    }
    return ascending ? c : -c;
  }

  @Override
  public long prefix(Object key) {
    long p = ascendingPrefix(key);
    // ~p reverses the signed order of longs exactly.
    return ascending ? p : ~p;
  }

  private static long ascendingPrefix(Object key) {
    if (key instanceof String s) {
      // String.compareTo orders by UTF-16 chars as unsigned 16-bit values: pack the first four,
      // padding shorter strings with 0 (a tie with a longer string is resolved by compare), then
      // flip the sign bit so signed long order is the unsigned order of the packed chars.
      long packed = 0;
      int n = Math.min(s.length(), PREFIX_CHARS);
      for (int i = 0; i < PREFIX_CHARS; i++) {
        packed = (packed << 16) | (i < n ? s.charAt(i) : 0);
      }
      return packed ^ Long.MIN_VALUE;
    }
    if (key instanceof Long l) {
      return l;
    }
    if (key instanceof Integer i) {
      return i;
    }
    // Nulls sort first: Long.MIN_VALUE is no greater than any prefix. Other types all tie.
    return key == null ? Long.MIN_VALUE : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NaturalKeyOrder other && other.ascending == ascending;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(ascending);
  }

  @Override
  public String toString() {
    return ascending ? "natural order" : "reverse natural order";
  }
}
