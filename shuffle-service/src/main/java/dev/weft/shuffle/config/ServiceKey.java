package dev.weft.shuffle.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting of the shuffle service, declared once with its name, type, default, constraint and
 * meaning; {@link ShuffleServiceKeys} lists them all. Values are written as in the rest of Weft:
 * sizes like {@code 64m} (a bare number is bytes), durations like {@code 30s} or {@code 5min} (a
 * bare number is milliseconds).
 *
 * <p>This module knows nothing of the engine, so it does not use the engine's configuration
 * registry; the generated {@code docs/configuration.md} reads {@link ShuffleServiceKeys#all()}
 * besides that registry.
 *
 * @param <T> the parsed type of the value
 */
public final class ServiceKey<T> {
  private static final System.Logger LOG = System.getLogger(ServiceKey.class.getName());
  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgt]?)b?");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|min|h|d)?");

  private final String name;
  private final String type;
  private final String defaultValue;
  private final String constraint;
  private final String doc;
  private final List<String> deprecatedNames;
  private final Function<String, T> parser;
  private final Predicate<T> check;

  private ServiceKey(
      String name,
      String type,
      String defaultValue,
      String constraint,
      String doc,
      List<String> deprecatedNames,
      Function<String, T> parser,
      Predicate<T> check) {
    this.name = name;
    this.type = type;
    this.defaultValue = Objects.requireNonNull(defaultValue, name);
    this.constraint = constraint;
    this.doc = doc;
    this.deprecatedNames = List.copyOf(deprecatedNames);
    this.parser = parser;
    this.check = check;
    parse(defaultValue); // a declaration with an invalid default fails at class load
  }

  /** An int key. */
  static ServiceKey<Integer> integer(
      String name, String defaultValue, int min, int max, String constraint, String doc) {
    return new ServiceKey<>(
        name,
        "int",
        defaultValue,
        constraint,
        doc,
        List.of(),
        raw -> Integer.parseInt(raw.trim()),
        v -> v >= min && v <= max);
  }

  /** A size key, in bytes. */
  static ServiceKey<Long> size(
      String name, String defaultValue, long min, long max, String constraint, String doc) {
    return new ServiceKey<>(
        name,
        "size",
        defaultValue,
        constraint,
        doc,
        List.of(),
        ServiceKey::parseSize,
        v -> v >= min && v <= max);
  }

  /** A duration key that must be positive. */
  static ServiceKey<Duration> positiveDuration(String name, String defaultValue, String doc) {
    return new ServiceKey<>(
        name,
        "duration",
        defaultValue,
        "a positive duration",
        doc,
        List.of(),
        ServiceKey::parseDuration,
        d -> !d.isNegative() && !d.isZero());
  }

  /** A string key; an empty default means unset. */
  static ServiceKey<String> string(String name, String defaultValue, String doc) {
    return new ServiceKey<>(name, "string", defaultValue, null, doc, List.of(), String::trim, null);
  }

  /** This key, also read under the older names {@code names} when it is not set itself. */
  ServiceKey<T> deprecatedNames(String... names) {
    return new ServiceKey<>(
        name, type, defaultValue, constraint, doc, List.of(names), parser, check);
  }

  public String name() {
    return name;
  }

  /** The type's short name for documentation: {@code int}, {@code size}, {@code duration}, ... */
  public String type() {
    return type;
  }

  /** The default as written in {@code yarn-site.xml}; empty when the key is unset by default. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What a valid value must be, completing "expected ...", or null when any value is valid. */
  public String constraint() {
    return constraint;
  }

  public String doc() {
    return doc;
  }

  /** Older names still read (with a warning) when this key is not set. */
  public List<String> deprecatedNames() {
    return deprecatedNames;
  }

  /**
   * The value {@code lookup} gives for this key (null meaning unset), else for its first deprecated
   * name that is set (logged at WARNING), else the default.
   *
   * @throws IllegalArgumentException in one line naming the key, the value and what was expected
   */
  public T read(Function<String, String> lookup) {
    String raw = lookup.apply(name);
    if (raw != null) {
      return parse(raw);
    }
    for (String old : deprecatedNames) {
      raw = lookup.apply(old);
      if (raw != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Shuffle service setting {0} is deprecated; set {1} instead",
            old,
            name);
        return new ServiceKey<>(old, type, defaultValue, constraint, doc, List.of(), parser, check)
            .parse(raw);
      }
    }
    return defaultParsed();
  }

  /**
   * Parses and checks {@code raw}.
   *
   * @throws IllegalArgumentException in one line naming this key, the value and what was expected
   */
  public T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw);
    } catch (RuntimeException e) {
      throw invalid(raw);
    }
    return validate(value, raw);
  }

  /**
   * Checks a value given in code (a builder).
   *
   * @throws IllegalArgumentException naming this key, the value and what was expected
   */
  public T validate(T value) {
    return validate(value, String.valueOf(value));
  }

  private T validate(T value, String raw) {
    if (check != null && !check.test(value)) {
      throw invalid(raw);
    }
    return value;
  }

  /** The parsed default. */
  public T defaultParsed() {
    return parser.apply(defaultValue);
  }

  private IllegalArgumentException invalid(String raw) {
    String expected =
        constraint != null
            ? constraint
            : switch (type) {
              case "size" -> "a size such as 512k, 64m or 2g";
              case "duration" -> "a duration such as 500ms, 30s or 5min";
              default -> "a " + type;
            };
    return new IllegalArgumentException(
        "Invalid value '" + raw + "' for " + name + ": expected " + expected);
  }

  @Override
  public String toString() {
    return name;
  }

  /** {@code 512k}, {@code 64m}, {@code 2g}, {@code 1t}; a bare number is bytes; powers of 1024. */
  static long parseSize(String raw) {
    Matcher m = SIZE.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(raw);
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
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException(raw);
    }
    return n << shift;
  }

  /** {@code 100ms}, {@code 30s}, {@code 5m} or {@code 5min}, {@code 1h}, {@code 1d}; bare: ms. */
  static Duration parseDuration(String raw) {
    Matcher m = DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(raw);
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
}
