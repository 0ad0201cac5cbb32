package dev.weft.shuffle.server;

import dev.weft.shuffle.config.ShuffleServiceKeys;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's connection caps: all connections ({@code maxConnections}); connections that have not
 * authenticated yet, over all clients ({@code maxPendingHandshakes}) and per remote address ({@code
 * maxPendingHandshakesPerAddress}); authenticated connections per application ({@code
 * maxConnectionsPerApp}). Unauthenticated clients can so take neither every connection nor, from
 * one host, every handshake slot, and one application cannot take every connection. Thread-safe.
 */
final class ConnectionLimits {
  private final ShuffleServerConfig config;
  private final ServerCounters counters;
  private final ConcurrentHashMap<InetAddress, Integer> pendingByAddress =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> byApp = new ConcurrentHashMap<>();

  ConnectionLimits(ShuffleServerConfig config, ServerCounters counters) {
    this.config = config;
    this.counters = counters;
  }

  /**
   * Admits a new connection from {@code address} as open and not yet authenticated.
   *
   * @return null when admitted (then {@link #handshakeEnded} and {@link #closed} must follow), else
   *     why not, in one line
   */
  String admit(InetAddress address) {
    long open = counters.openConnections.incrementAndGet();
    if (open > config.maxConnections()) {
      counters.openConnections.decrementAndGet();
      return config.maxConnections()
          + " connections are open, the configured maximum ("
          + ShuffleServiceKeys.MAX_CONNECTIONS.name()
          + ")";
    }
    if (counters.pendingHandshakes.incrementAndGet() > config.maxPendingHandshakes()) {
      counters.pendingHandshakes.decrementAndGet();
      counters.openConnections.decrementAndGet();
      return config.maxPendingHandshakes()
          + " connections are authenticating, the configured maximum ("
          + ShuffleServiceKeys.MAX_PENDING_HANDSHAKES.name()
          + ")";
    }
    int fromAddress = pendingByAddress.merge(address, 1, Integer::sum);
    if (fromAddress > config.maxPendingHandshakesPerAddress()) {
      release(pendingByAddress, address);
      counters.pendingHandshakes.decrementAndGet();
      counters.openConnections.decrementAndGet();
      return config.maxPendingHandshakesPerAddress()
          + " connections from "
          + address.getHostAddress()
          + " are authenticating, the configured maximum per address ("
          + ShuffleServiceKeys.MAX_PENDING_HANDSHAKES_PER_ADDRESS.name()
          + ")";
    }
    return null;
  }

  /** An admitted connection from {@code address} authenticated, failed or closed. */
  void handshakeEnded(InetAddress address) {
    release(pendingByAddress, address);
    counters.pendingHandshakes.decrementAndGet();
  }

  /**
   * Counts an authenticated connection of {@code appId}.
   *
   * @return null when within the application's cap (then {@link #appConnectionClosed} must follow),
   *     else why not, in one line
   */
  String authenticated(String appId) {
    int connections = byApp.merge(appId, 1, Integer::sum);
    if (connections > config.maxConnectionsPerApp()) {
      release(byApp, appId);
      return "application "
          + appId
          + " has "
          + config.maxConnectionsPerApp()
          + " connections open, the configured maximum per application ("
          + ShuffleServiceKeys.MAX_CONNECTIONS_PER_APP.name()
          + ")";
    }
    return null;
  }

  void appConnectionClosed(String appId) {
    release(byApp, appId);
  }

  /** An admitted connection closed. */
  void closed() {
    counters.openConnections.decrementAndGet();
  }

  private static <K> void release(ConcurrentHashMap<K, Integer> counts, K key) {
    counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
  }
}
