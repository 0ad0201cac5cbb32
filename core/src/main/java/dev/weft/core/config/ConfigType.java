package dev.weft.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a configuration value is written and parsed. Sizes are written like {@code 64m} and durations
 * like {@code 30s}; the parsed forms are bytes ({@code Long}) and {@link Duration}.
 *
 * @param <T> the parsed type
 */
public abstract class ConfigType<T> {
  private static final Pattern SIZE_PATTERN = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");
  private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

  private final String name;

  private ConfigType(String name) {
    this.name = name;
  }

  /** A short name of the type for documentation, e.g. {@code size}. */
  public String name() {
    return name;
  }

  /**
   * Parses {@code raw}.
   *
   * @throws IllegalArgumentException with the expected form when {@code raw} does not parse
   */
  public abstract T parse(String raw);

  /** Writes {@code value} in the form {@link #parse} reads. */
  public String format(T value) {
    return String.valueOf(value);
  }

  public static final ConfigType<String> STRING =
      new ConfigType<>("string") {
        @Override
        public String parse(String raw) {
          return raw;
        }
      };

  public static final ConfigType<Integer> INT =
      new ConfigType<>("int") {
        @Override
        public Integer parse(String raw) {
          try {
            return Integer.parseInt(raw.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
          }
        }
      };

  public static final ConfigType<Long> LONG =
      new ConfigType<>("long") {
        @Override
        public Long parse(String raw) {
          try {
            return Long.parseLong(raw.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
          }
        }
      };

  public static final ConfigType<Double> DOUBLE =
      new ConfigType<>("double") {
        @Override
        public Double parse(String raw) {
          try {
            return Double.parseDouble(raw.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number");
          }
        }
      };

  public static final ConfigType<Boolean> BOOLEAN =
      new ConfigType<>("boolean") {
        @Override
        public Boolean parse(String raw) {
          String v = raw.trim().toLowerCase(Locale.ROOT);
          if (v.equals("true")) {
            return true;
          }
          if (v.equals("false")) {
            return false;
          }
          throw new IllegalArgumentException("expected true or false");
        }
      };

  /** A byte size such as {@code 512k}, {@code 64m}, {@code 2g}; a bare number is bytes. */
  public static final ConfigType<Long> SIZE =
      new ConfigType<>("size") {
        @Override
        public Long parse(String raw) {
          Matcher m = SIZE_PATTERN.matcher(raw.trim().toLowerCase(Locale.ROOT));
          if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 512k, 64m or 2g");
          }
          long n = Long.parseLong(m.group(1));
          int shift =
              switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
              };
          if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large");
          }
          return n << shift;
        }

        @Override
        public String format(Long bytes) {
          return formatSize(bytes);
        }
      };

  /** A duration such as {@code 100ms}, {@code 3s}, {@code 5min}; a bare number is milliseconds. */
  public static final ConfigType<Duration> DURATION =
      new ConfigType<>("duration") {
        @Override
        public Duration parse(String raw) {
          Matcher m = DURATION_PATTERN.matcher(raw.trim().toLowerCase(Locale.ROOT));
          if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 100ms, 3s or 5min");
          }
          long n = Long.parseLong(m.group(1));
          String unit = m.group(2) == null ? "ms" : m.group(2);
          return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
        }

        @Override
        public String format(Duration d) {
          long ms = d.toMillis();
          if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
          }
          if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "min";
          }
          if (ms % 1000 == 0) {
            return ms / 1000 + "s";
          }
          return ms + "ms";
        }
      };

  /** Formats a byte count in the largest unit that divides it, e.g. {@code 64m}. */
  public static String formatSize(long bytes) {
    String[] units = {"t", "g", "m", "k"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
