package dev.weft.sql.expr;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers in strings as Spark's casts read them; null for a string that is not one. */
final class NumberParsing {
  private NumberParsing() {}

  private static boolean isBlank(char c) {
    return c <= ' ' || Character.isISOControl(c);
  }

  /**
   * A whole number within [min, max], as Spark's {@code UTF8String.toLong}: surrounding whitespace,
   * an optional sign, digits, and optionally a point followed by digits that are dropped ({@code
   * "1.9"} is 1). Exponents, other characters or values out of range give null.
   */
  static Long parseIntegral(String s, long min, long max) {
    int start = 0;
    int end = s.length();
    while (start < end && isBlank(s.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(s.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return null;
    }
    boolean negative = s.charAt(start) == '-';
    if (negative || s.charAt(start) == '+') {
      if (end - start == 1) {
        return null;
      }
      start++;
    }
    // Accumulate negatively so that Long.MIN_VALUE is representable.
    long result = 0;
    int i = start;
    for (; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        i++;
        break;
      }
      if (c < '0' || c > '9') {
        return null;
      }
      if (result < Long.MIN_VALUE / 10) {
        return null;
      }
      long next = result * 10 - (c - '0');
      if (next > result) {
        return null;
      }
      result = next;
    }
    for (; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    if (!negative) {
      if (result == Long.MIN_VALUE) {
        return null;
      }
      result = -result;
    }
    return result < min || result > max ? null : result;
  }

  /** A double as Java and Spark read it, with Spark's extra spellings of infinity and NaN. */
  static Double parseDouble(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
        case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
        case "nan" -> Double.NaN;
        default -> null;
      };
    }
  }

  /**
   * A decimal number (with an optional exponent), or null; also null when it has more than 38
   * digits before the point (no decimal type holds it, and scaling it could be costly).
   */
  static BigDecimal parseDecimal(String s) {
    try {
      BigDecimal d = new BigDecimal(s.trim());
      return d.precision() - d.scale() > 38 ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
