package dev.weft.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One configuration key, declared once with its name, type, default, validation and doc. Keys are
 * declared as {@code public static final} fields of a {@link ConfigDeclarations} class and read
 * through {@link WeftConfig#get}.
 *
 * @param <T> the parsed type of the value
 */
public final class ConfigKey<T> {
  private final String name;
  private final ConfigType<T> type;
  private final T defaultValue;
  private final String doc;
  private final Predicate<T> check;
  private final String checkDescription;

  private ConfigKey(Builder<T> b) {
    this.name = b.name;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.doc = Objects.requireNonNull(b.doc, "doc of " + b.name);
    this.check = b.check;
    this.checkDescription = b.checkDescription;
  }

  public String name() {
    return name;
  }

  public ConfigType<T> type() {
    return type;
  }

  /** The default, or null when the key has none (it is then optional and unset by default). */
  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** What a valid value must satisfy, in words, or null when any parsed value is valid. */
  public String constraint() {
    return checkDescription;
  }

  /**
   * Parses and validates {@code raw}.
   *
   * @throws ConfigException naming this key, the value and what was expected
   */
  public T parse(String raw) {
    T value;
    try {
      value = type.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Invalid value '" + raw + "' for configuration key '" + name + "': " + e.getMessage());
    }
    if (check != null && !check.test(value)) {
      throw new ConfigException(
          "Invalid value '"
              + raw
              + "' for configuration key '"
              + name
              + "': expected "
              + checkDescription);
    }
    return value;
  }

  @Override
  public String toString() {
    return name;
  }

  public static Builder<String> string(String name) {
    return new Builder<>(name, ConfigType.STRING);
  }

  public static Builder<Integer> integer(String name) {
    return new Builder<>(name, ConfigType.INT);
  }

  public static Builder<Long> longKey(String name) {
    return new Builder<>(name, ConfigType.LONG);
  }

  public static Builder<Double> decimal(String name) {
    return new Builder<>(name, ConfigType.DOUBLE);
  }

  public static Builder<Boolean> bool(String name) {
    return new Builder<>(name, ConfigType.BOOLEAN);
  }

  /** A byte size written like {@code 64m}. */
  public static Builder<Long> size(String name) {
    return new Builder<>(name, ConfigType.SIZE);
  }

  /** A duration written like {@code 3s}. */
  public static Builder<Duration> duration(String name) {
    return new Builder<>(name, ConfigType.DURATION);
  }

  /** Builds a key; {@link #doc} is required. */
  public static final class Builder<T> {
    private final String name;
    private final ConfigType<T> type;
    private T defaultValue;
    private String doc;
    private Predicate<T> check;
    private String checkDescription;

    private Builder(String name, ConfigType<T> type) {
      this.name = name;
      this.type = type;
    }

    /** The default, given in the written form so docs show it as users write it. */
    public Builder<T> defaultValue(String raw) {
      this.defaultValue = type.parse(raw);
      return this;
    }

    public Builder<T> doc(String doc) {
      this.doc = doc;
      return this;
    }

    /** A validation, with the words that complete "expected ..." in the error message. */
    public Builder<T> check(Predicate<T> check, String description) {
      this.check = check;
      this.checkDescription = description;
      return this;
    }

    public ConfigKey<T> build() {
      return new ConfigKey<>(this);
    }
  }
}
