package dev.weft.core.config;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every configuration key of the modules on the classpath, found with {@link ServiceLoader}. */
public final class ConfigRegistry {
  private static volatile ConfigRegistry instance;

  private final Map<String, ConfigKey<?>> keys;

  ConfigRegistry(Iterable<? extends ConfigDeclarations> declarations) {
    Map<String, ConfigKey<?>> all = new TreeMap<>();
    for (ConfigDeclarations d : declarations) {
      for (ConfigKey<?> key : d.keys()) {
        ConfigKey<?> previous = all.put(key.name(), key);
        if (previous != null && previous != key) {
          throw new IllegalStateException("Configuration key declared twice: " + key.name());
        }
      }
    }
    this.keys = Collections.unmodifiableMap(all);
  }

  /** The registry of the keys visible to this class's class loader. */
  public static ConfigRegistry get() {
    ConfigRegistry r = instance;
    if (r == null) {
      synchronized (ConfigRegistry.class) {
        r = instance;
        if (r == null) {
          r =
              new ConfigRegistry(
                  ServiceLoader.load(
                      ConfigDeclarations.class, ConfigRegistry.class.getClassLoader()));
          instance = r;
        }
      }
    }
    return r;
  }

  /** The key with this name, or null. */
  public ConfigKey<?> find(String name) {
    return keys.get(name);
  }

  /** All keys, sorted by name. */
  public Collection<ConfigKey<?>> all() {
    return keys.values();
  }

  /** The known key closest to {@code name} by edit distance, for "did you mean" hints. */
  String closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : keys.keySet()) {
      int d = editDistance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(3, name.length() / 4) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
