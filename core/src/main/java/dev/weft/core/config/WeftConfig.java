package dev.weft.core.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validated, typed configuration. Construction checks every {@code weft.*} entry: an unknown key or
 * a malformed value fails with a {@link ConfigException} naming it, so a typo never passes
 * silently. Entries outside {@code weft.*} (Hadoop's, for example) are kept as they are.
 */
public final class WeftConfig {
  private static final String PREFIX = "weft.";

  /**
   * Keys under this prefix go, without it, to Hadoop's Configuration (e.g.
   * weft.hadoop.fs.defaultFS).
   */
  public static final String HADOOP_PREFIX = "weft.hadoop.";

  private final Map<String, String> raw;
  private final Map<String, Object> parsed = new HashMap<>();

  private WeftConfig(Map<String, String> raw, ConfigRegistry registry) {
    this.raw = Collections.unmodifiableMap(new TreeMap<>(raw));
    for (Map.Entry<String, String> e : this.raw.entrySet()) {
      if (!e.getKey().startsWith(PREFIX) || e.getKey().startsWith(HADOOP_PREFIX)) {
        continue;
      }
      ConfigKey<?> key = registry.find(e.getKey());
      if (key == null) {
        String hint = registry.closest(e.getKey());
        throw new ConfigException(
            "Unknown configuration key '"
                + e.getKey()
                + "'"
                + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                + "; see docs/configuration.md for the keys Weft knows");
      }
      parsed.put(key.name(), key.parse(e.getValue()));
    }
  }

  /**
   * Validates {@code entries} against every key on the classpath.
   *
   * @throws ConfigException for the first unknown {@code weft.*} key or malformed value
   */
  public static WeftConfig of(Map<String, String> entries) {
    return new WeftConfig(entries, ConfigRegistry.get());
  }

  /** The value of {@code key}: the one set, or its default (null for an optional key unset). */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object v = parsed.get(key.name());
    return v != null ? (T) v : key.defaultValue();
  }

  /** Whether {@code key} was set explicitly. */
  public boolean contains(ConfigKey<?> key) {
    return parsed.containsKey(key.name());
  }

  /**
   * The Hadoop settings: {@code weft.hadoop.X} entries as {@code X}, and entries outside {@code
   * weft.*} as they are.
   */
  public Map<String, String> hadoopEntries() {
    Map<String, String> hadoop = new TreeMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (e.getKey().startsWith(HADOOP_PREFIX)) {
        hadoop.put(e.getKey().substring(HADOOP_PREFIX.length()), e.getValue());
      } else if (!e.getKey().startsWith(PREFIX)) {
        hadoop.put(e.getKey(), e.getValue());
      }
    }
    return hadoop;
  }

  /** Every entry as written, {@code weft.*} and others, sorted by key. */
  public Map<String, String> entries() {
    return raw;
  }

  /** A copy with {@code key} set to {@code value}, validated like the rest. */
  public WeftConfig with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(raw);
    copy.put(key, value);
    return of(copy);
  }
}
