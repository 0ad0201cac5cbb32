package dev.weft.shuffle.yarn;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The shuffle service's settings, read from the NodeManager's {@code yarn-site.xml}. Every key is
 * declared once below with its default, its constraint and its meaning; {@link #KEYS} lists them
 * for documentation. A bad value fails with one line naming the key, the value and what was
 * expected.
 *
 * @param port the TCP port to listen on; 0 lets the OS choose (tests, several NodeManagers per
 *     host)
 * @param maxConnections the most client connections open at once; more are refused
 * @param maxBytesInFlight the most block bytes queued for sending, over all connections, before the
 *     server stops reading new requests
 * @param indexCacheSize the most bytes of parsed index files kept in memory
 * @param recoveryEnabled whether registrations survive a NodeManager restart (YARN's own switch)
 */
public record ShuffleServiceConfig(
    int port,
    int maxConnections,
    long maxBytesInFlight,
    long indexCacheSize,
    boolean recoveryEnabled) {

  /** The default port, {@code 7447}. */
  public static final int DEFAULT_PORT = 7447;

  /** One declared key: its name, type, default as written in XML, constraint and meaning. */
  public record Key(String name, String type, String defaultValue, String constraint, String doc) {}

  /** {@code weft.shuffle.service.port}: int, default {@value #DEFAULT_PORT}, 0 to 65535. */
  public static final Key PORT =
      new Key(
          "weft.shuffle.service.port",
          "int",
          Integer.toString(DEFAULT_PORT),
          "a port between 0 and 65535",
          "TCP port the shuffle service listens on; 0 picks a free port (the executors learn it"
              + " from the service's metadata).");

  /** {@code weft.shuffle.service.maxConnections}: int, default 4096, at least 1. */
  public static final Key MAX_CONNECTIONS =
      new Key(
          "weft.shuffle.service.maxConnections",
          "int",
          "4096",
          "an integer of at least 1",
          "Most client connections open at once; further connections are closed on accept.");

  /** {@code weft.shuffle.service.maxBytesInFlight}: size, default 256m, at least 1k. */
  public static final Key MAX_BYTES_IN_FLIGHT =
      new Key(
          "weft.shuffle.service.maxBytesInFlight",
          "size",
          "256m",
          "a size of at least 1k",
          "Most block bytes queued for sending over all connections; past it the service stops"
              + " reading requests until clients drain their sockets.");

  /** {@code weft.shuffle.service.indexCacheSize}: size, default 64m, 0 or more. */
  public static final Key INDEX_CACHE_SIZE =
      new Key(
          "weft.shuffle.service.indexCacheSize",
          "size",
          "64m",
          "a size of 0 or more",
          "Memory for parsed shuffle index files, least recently used evicted first; 0 reads the"
              + " index file on every request.");

  /**
   * {@code yarn.nodemanager.recovery.enabled}: YARN's own switch, default false. When true, the
   * service keeps application secrets and executor registrations under the recovery path the
   * NodeManager gives it.
   */
  public static final Key RECOVERY_ENABLED =
      new Key(
          "yarn.nodemanager.recovery.enabled",
          "boolean",
          "false",
          "true or false",
          "YARN's NodeManager recovery switch; when true the service keeps application secrets"
              + " and executor registrations across a NodeManager restart.");

  /** Every key the service reads, in documentation order. */
  public static final List<Key> KEYS =
      List.of(PORT, MAX_CONNECTIONS, MAX_BYTES_IN_FLIGHT, INDEX_CACHE_SIZE, RECOVERY_ENABLED);

  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([kmgt]?)");

  /**
   * Reads and validates every key.
   *
   * @throws IllegalArgumentException naming the first key whose value is invalid, the value and
   *     what was expected
   */
  public static ShuffleServiceConfig from(Configuration conf) {
    int port = intValue(conf, PORT, 0, 65535);
    int maxConnections = intValue(conf, MAX_CONNECTIONS, 1, Integer.MAX_VALUE);
    long maxBytesInFlight = sizeValue(conf, MAX_BYTES_IN_FLIGHT, 1024);
    long indexCacheSize = sizeValue(conf, INDEX_CACHE_SIZE, 0);
    boolean recovery = booleanValue(conf, RECOVERY_ENABLED);
    return new ShuffleServiceConfig(
        port, maxConnections, maxBytesInFlight, indexCacheSize, recovery);
  }

  private static int intValue(Configuration conf, Key key, int min, int max) {
    String raw = raw(conf, key);
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw invalid(key, raw);
    }
    if (value < min || value > max) {
      throw invalid(key, raw);
    }
    return value;
  }

  private static long sizeValue(Configuration conf, Key key, long min) {
    String raw = raw(conf, key);
    Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(key, raw);
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw invalid(key, raw);
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    if (n > (Long.MAX_VALUE >> shift) || (n << shift) < min) {
      throw invalid(key, raw);
    }
    return n << shift;
  }

  private static boolean booleanValue(Configuration conf, Key key) {
    String raw = raw(conf, key).toLowerCase(Locale.ROOT);
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, raw);
    };
  }

  /** The trimmed value, or the key's default when it is unset. */
  private static String raw(Configuration conf, Key key) {
    String value = conf.getTrimmed(key.name());
    return value == null ? key.defaultValue() : value;
  }

  private static IllegalArgumentException invalid(Key key, String raw) {
    return new IllegalArgumentException(
        "Invalid value '" + raw + "' for " + key.name() + ": expected " + key.constraint());
  }
}
