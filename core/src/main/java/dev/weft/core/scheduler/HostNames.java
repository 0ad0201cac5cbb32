package dev.weft.core.scheduler;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical host names, so that one machine named differently by HDFS (block locations) and by YARN
 * (node ids) is recognised as one: the aliases of {@code weft.locality.hostAliases} first, then
 * loopback addresses as {@code localhost}, other IP literals by their reverse DNS name (looked up
 * once), and names in lower case without a trailing dot. Thread-safe.
 */
public final class HostNames {
  private final Map<String, String> aliases;
  private final Map<String, String> resolved = new ConcurrentHashMap<>();

  private HostNames(Map<String, String> aliases) {
    this.aliases = aliases;
  }

  /** The canonicalizer of {@code config}'s aliases. */
  public static HostNames of(WeftConfig config) {
    return parse(config.get(CoreConfig.LOCALITY_HOST_ALIASES));
  }

  /** The canonicalizer of {@code hdfsName=yarnName,...} (null or blank: no aliases). */
  public static HostNames parse(String aliases) {
    Map<String, String> map = new HashMap<>();
    if (aliases != null) {
      for (String pair : aliases.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        map.put(normalize(pair.substring(0, eq)), pair.substring(eq + 1).trim());
      }
    }
    return new HostNames(Map.copyOf(map));
  }

  /** The canonical form of {@code host}; null stays null. */
  public String canonical(String host) {
    if (host == null) {
      return null;
    }
    String name = normalize(host);
    String alias = aliases.get(name);
    if (alias != null) {
      return alias;
    }
    return resolved.computeIfAbsent(name, HostNames::resolve);
  }

  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static String resolve(String name) {
    if (!isIpLiteral(name)) {
      return name;
    }
    try {
      InetAddress address = InetAddress.getByName(name);
      if (address.isLoopbackAddress()) {
        return "localhost";
      }
      return normalize(address.getCanonicalHostName());
    } catch (UnknownHostException e) {
      return name;
    }
  }

  private static boolean isIpLiteral(String name) {
    return name.matches("[0-9a-f:]*:[0-9a-f:.]*") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
