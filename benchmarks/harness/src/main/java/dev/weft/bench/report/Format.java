package dev.weft.bench.report;

import java.util.Locale;

/** Number formatting shared by the report writers: "—" for a missing value. */
final class Format {
  static final String NONE = "—";

  private Format() {}

  static String num(double v, int decimals) {
    return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String met(Boolean met) {
    return met == null ? NONE : met ? "met" : "not met";
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
