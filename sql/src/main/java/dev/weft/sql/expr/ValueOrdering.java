package dev.weft.sql.expr;

import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The order of non-null internal values of one type, as Spark SQL defines it: numbers by value (for
 * float and double, NaN equals NaN and is greater than every other value, and -0.0 equals 0.0),
 * strings by Unicode code point (the order of their UTF-8 bytes), binary unsigned
 * lexicographically, false before true, arrays and structs element by element (null first).
 */
public final class ValueOrdering {
  private ValueOrdering() {}

  /** A comparator of non-null values of {@code type}. */
  public static Comparator<Object> of(DataType type) {
    return (a, b) -> compare(type, a, b);
  }

  /** Compares two non-null values of {@code type}. */
  @SuppressWarnings("unchecked")
  public static int compare(DataType type, Object a, Object b) {
    switch (type.kind()) {
      case BOOLEAN:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case BYTE:
        return Byte.compare((Byte) a, (Byte) b);
      case SHORT:
        return Short.compare((Short) a, (Short) b);
      case INT:
      case DATE:
        return Integer.compare((Integer) a, (Integer) b);
      case LONG:
      case TIMESTAMP:
        return Long.compare((Long) a, (Long) b);
      case FLOAT:
        return compareDoubles((Float) a, (Float) b);
      case DOUBLE:
        return compareDoubles((Double) a, (Double) b);
      case DECIMAL:
        return ((BigDecimal) a).compareTo((BigDecimal) b);
      case STRING:
        return compareStrings((String) a, (String) b);
      case BINARY:
        return java.util.Arrays.compareUnsigned((byte[]) a, (byte[]) b);
      case ARRAY:
        return compareLists(((ArrayType) type).elementType(), (List<Object>) a, (List<Object>) b);
      case STRUCT:
        return compareRows((StructType) type, (InternalRow) a, (InternalRow) b);
      default:
        throw new IllegalArgumentException(
            "values of type " + type.simpleString() + " have no order");
    }
  }

  /** Doubles as SQL orders them: NaN last and equal to itself, -0.0 equal to 0.0. */
  public static int compareDoubles(double a, double b) {
    if (a == b) {
      return 0; // also -0.0 == 0.0
    }
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    if (nanA || nanB) {
      return nanA == nanB ? 0 : nanA ? 1 : -1;
    }
    return a < b ? -1 : 1;
  }

  /** Strings by code point, which is the order of their UTF-8 encodings. */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // Surrogates (supplementary code points) sort after every BMP char in code point order.
        boolean sa = Character.isSurrogate(ca);
        boolean sb = Character.isSurrogate(cb);
        if (sa != sb) {
          return sa ? 1 : -1;
        }
        return Character.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareLists(DataType et, List<Object> a, List<Object> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareNullsFirst(et, a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareRows(StructType type, InternalRow a, InternalRow b) {
    for (int i = 0; i < type.size(); i++) {
      int c = compareNullsFirst(type.field(i).dataType(), a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares values that may be null; null sorts first. */
  public static int compareNullsFirst(DataType type, Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compare(type, a, b);
  }

  /**
   * Whether two non-null values are equal as SQL's {@code =} sees them (so 0.0 = -0.0 and NaN =
   * NaN, decimals by value).
   */
  public static boolean equal(DataType type, Object a, Object b) {
    return switch (type.kind()) {
      case FLOAT, DOUBLE, DECIMAL, STRING, ARRAY, STRUCT -> compare(type, a, b) == 0;
      case BINARY -> java.util.Arrays.equals((byte[]) a, (byte[]) b);
      default -> a.equals(b);
    };
  }
}
