package dev.weft.sql.sources;

import java.util.List;
import java.util.Locale;

/** The {@code compression} option of a file format's writer, as Spark names its codecs. */
public final class CompressionOption {
  private CompressionOption() {}

  /**
   * {@code value} lower-cased, if it is one of {@code accepted}.
   *
   * @param origin where the value comes from, e.g. {@code option compression} or a config key
   * @throws IllegalArgumentException in one line naming the format, the origin, the value and the
   *     accepted codecs
   */
  public static String check(String format, String origin, String value, List<String> accepted) {
    String name = value.trim().toLowerCase(Locale.ROOT);
    if (!accepted.contains(name)) {
      throw new IllegalArgumentException(
          "Unknown "
              + format
              + " compression '"
              + value
              + "' ("
              + origin
              + "); expected one of "
              + String.join(", ", accepted));
    }
    return name;
  }
}
