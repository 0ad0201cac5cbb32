package dev.weft.shuffle.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses typed configuration values: sizes such as {@code 64m} and durations such as {@code 30s}.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /**
   * A size in bytes: a number with an optional unit {@code b}, {@code k}, {@code m}, {@code g} or
   * {@code t} (powers of 1024; a trailing {@code b} as in {@code 64mb} is allowed).
   *
   * @throws IllegalArgumentException naming the key, the expected form and the value found
   */
  public static long parseBytes(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("b") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
      v = v.substring(0, v.length() - 1);
    }
    long multiplier = 1;
    char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
    int shift =
        switch (last) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          case 'b' -> 0;
          default -> -1;
        };
    if (shift >= 0) {
      multiplier = 1L << shift;
      v = v.substring(0, v.length() - 1).trim();
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > Long.MAX_VALUE / multiplier) {
        throw new NumberFormatException();
      }
      return n * multiplier;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected a size such as 64m or 1g, found '" + value + "'");
    }
  }

  /**
   * A duration: a number with a unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}.
   *
   * @throws IllegalArgumentException naming the key, the expected form and the value found
   */
  public static Duration parseDuration(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < v.length() && Character.isDigit(v.charAt(split))) {
      split++;
    }
    try {
      if (split == 0) {
        throw new NumberFormatException();
      }
      long n = Long.parseLong(v.substring(0, split));
      return switch (v.substring(split).trim()) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          key + ": expected a duration such as 500ms, 30s or 10m, found '" + value + "'");
    }
  }

  /**
   * A non-negative int.
   *
   * @throws IllegalArgumentException naming the key and the value found
   */
  public static int parseNonNegativeInt(String key, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + ": expected a non-negative integer, found '" + value + "'");
  }
}
