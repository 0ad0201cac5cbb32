package dev.weft.api;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration of a {@link WeftContext}: the master, the application name and any {@code
 * weft.*} key (see docs/configuration.md). Hadoop settings are given as {@code weft.hadoop.<key>}
 * (e.g. {@code weft.hadoop.fs.defaultFS}) or without the prefix; both reach Hadoop's {@code
 * Configuration} as {@code <key>}.
 *
 * <p>By default it also takes every {@code weft.*} Java system property, which is how {@code
 * bin/yarn-submit --conf} reaches the job.
 */
public final class WeftConf {
  private final Map<String, String> entries = new TreeMap<>();

  /** A configuration with the {@code weft.*} system properties. */
  public WeftConf() {
    this(true);
  }

  /**
   * @param loadSystemProperties whether to take the {@code weft.*} system properties
   */
  public WeftConf(boolean loadSystemProperties) {
    if (loadSystemProperties) {
      Properties props = System.getProperties();
      for (String name : props.stringPropertyNames()) {
        if (name.startsWith("weft.")) {
          entries.put(name, props.getProperty(name));
        }
      }
    }
  }

  /**
   * Sets where the job runs: {@code local[N]}, {@code local[*]}, {@code yarn}, {@code embedded}.
   */
  public WeftConf setMaster(String master) {
    return set("weft.master", master);
  }

  /** Sets the application name shown by YARN and the UI. */
  public WeftConf setAppName(String name) {
    return set("weft.app.name", name);
  }

  /** Sets a key; validated when the context starts. */
  public WeftConf set(String key, String value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("configuration key and value must not be null");
    }
    entries.put(key, value);
    return this;
  }

  /** The value of {@code key}, or null. */
  public String get(String key) {
    return entries.get(key);
  }

  /** Every entry, sorted by key. */
  public Map<String, String> getAll() {
    return new TreeMap<>(entries);
  }

  @Override
  public String toString() {
    return "WeftConf" + entries;
  }
}
