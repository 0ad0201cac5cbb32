package dev.weft.client;

import java.util.Locale;

/** How the console shows sizes, counts and durations: short, and the same on every machine. */
final class ConsoleFormat {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ConsoleFormat() {}

  /** {@code 0 B}, {@code 512 B}, {@code 97.7 KiB}, {@code 1.2 GiB}: binary units, one decimal. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    int unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
  }

  /** {@code 1,234,567}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 07 min}. */
  static String duration(long millis) {
    if (millis < 1000) {
      return Math.max(0, millis) + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }

  /** The first line of {@code s}, without trailing blanks. */
  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
  }
}
