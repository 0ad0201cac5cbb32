package dev.weft.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Lets only the ResourceManager's web proxy reach the UI, as Hadoop's {@code AmIpFilter} does for
 * ApplicationMasters: a request from any other address is redirected to the same path under the
 * proxy's URI base ({@code http://<proxy>/proxy/<appId>}), so people always go through the proxy
 * (which authenticates them and warns about unknown apps). Only on a request from the proxy is the
 * proxy's {@value #USER_COOKIE} cookie trusted as the authenticated remote user.
 *
 * <p>Proxy host names are resolved again every five minutes (RM fail-over, DNS changes).
 */
public final class ProxyGuard {
  /** The cookie in which Hadoop's WebAppProxyServlet passes the authenticated user. */
  public static final String USER_COOKIE = "proxy-user";

  private static final Logger LOG = LogManager.getLogger(ProxyGuard.class);
  private static final long RESOLVE_MILLIS = 5 * 60_000;

  private final List<String> hosts;
  private final String uriBase;
  private final LongSupplier clock;
  private Set<String> addresses = Set.of();
  private long resolvedAt = Long.MIN_VALUE / 2;

  /**
   * @param hosts the proxy's host names or addresses (the RM web apps, or the separate web proxy)
   * @param uriBase where to redirect others, without a trailing slash: {@code
   *     http://rm:8088/proxy/application_1_0001}
   */
  public ProxyGuard(List<String> hosts, String uriBase, LongSupplier clock) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("expected at least one proxy host, found none");
    }
    this.hosts = List.copyOf(hosts);
    this.uriBase = uriBase.endsWith("/") ? uriBase.substring(0, uriBase.length() - 1) : uriBase;
    this.clock = clock;
  }

  /** Whether a request from {@code remoteAddress} comes through the proxy. */
  public synchronized boolean fromProxy(String remoteAddress) {
    long now = clock.getAsLong();
    if (now - resolvedAt >= RESOLVE_MILLIS) {
      addresses = resolve(hosts);
      resolvedAt = now;
    }
    return addresses.contains(remoteAddress);
  }

  /**
   * Where to send a request for {@code pathAndQuery} (starting with /) that did not come through
   * the proxy.
   */
  public String redirect(String pathAndQuery) {
    return uriBase + pathAndQuery;
  }

  private static Set<String> resolve(List<String> hosts) {
    Set<String> out = new HashSet<>();
    for (String h : hosts) {
      try {
        for (InetAddress a : InetAddress.getAllByName(h)) {
          out.add(a.getHostAddress());
        }
      } catch (UnknownHostException e) {
        LOG.warn("Cannot resolve the proxy host {}: {}", h, e.toString());
      }
    }
    LOG.debug("Proxy addresses {}", out);
    return out;
  }
}
