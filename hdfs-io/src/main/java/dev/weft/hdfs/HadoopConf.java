package dev.weft.hdfs;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Builds Hadoop {@link Configuration}s from plain string maps, so that handles shipped to executors
 * can carry their Hadoop settings in a serializable form.
 */
public final class HadoopConf {
  private HadoopConf() {}

  /**
   * A configuration with Hadoop's defaults and site files from the classpath, with {@code
   * overrides} set on top.
   */
  public static Configuration withOverrides(Map<String, String> overrides) {
    Configuration conf = new Configuration();
    overrides.forEach(conf::set);
    return conf;
  }

  /**
   * An immutable, sorted copy of {@code overrides} that rejects null keys and values with a message
   * naming the key.
   */
  public static Map<String, String> copyOverrides(Map<String, String> overrides) {
    TreeMap<String, String> copy = new TreeMap<>();
    overrides.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw new IllegalArgumentException(
                "Hadoop configuration override has a null key or value: " + key + "=" + value);
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
