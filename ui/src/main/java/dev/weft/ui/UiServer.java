package dev.weft.ui;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The UI's HTTP server (Jetty): hands every request to a {@link Router}, after an optional {@link
 * ProxyGuard}. A small daemon thread pool; pages are rendered from immutable snapshots of the
 * status model, so requests never block the driver.
 */
public final class UiServer implements AutoCloseable {
  /**
   * The request header carrying an access token for the documents a {@link Router} serves to token
   * holders (the ApplicationMaster's status document, which {@code yarn-submit} polls).
   */
  public static final String ACCESS_TOKEN_HEADER = "X-Weft-Access-Token";

  private static final Logger LOG = LogManager.getLogger(UiServer.class);
  // The pages use inline style attributes (progress bars) but no inline script.
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " script-src 'self'; form-action 'self'; frame-ancestors 'self'";

  private final Server server;
  private final ServerConnector connector;

  /**
   * Starts the server on every interface.
   *
   * @param port the port, 0 for a free one
   * @param guard redirects requests that bypass the RM proxy, or null to serve everyone
   * @throws IllegalStateException naming the port when it cannot listen
   */
  public UiServer(int port, Router router, ProxyGuard guard) {
    this(port, router, guard, null);
  }

  /**
   * Starts the server on every interface, authenticating every request with {@code authenticator}
   * (whose user is then the request's user).
   *
   * @param port the port, 0 for a free one
   * @param guard redirects requests that bypass the RM proxy, or null to serve everyone
   * @param authenticator authenticates users, or null for none
   * @throws IllegalStateException naming the port when it cannot listen
   */
  public UiServer(int port, Router router, ProxyGuard guard, HttpAuthenticator authenticator) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("weft-ui");
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Adapter(router, guard, authenticator));
    // No graceful phase: it waits for every open connection, and the RM proxy keeps its
    // keep-alive connections open, so a graceful stop would always run into its timeout.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw new IllegalStateException(
          "Cannot start the web UI on port " + port + " (weft.ui.port / --port): " + e, e);
    }
    LOG.info("Web UI listens on port {}", port());
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the web UI failed: {}", e.toString());
    }
  }

  private static final class Adapter extends Handler.Abstract {
    private final Router router;
    private final ProxyGuard guard;
    private final HttpAuthenticator authenticator;

    Adapter(Router router, ProxyGuard guard, HttpAuthenticator authenticator) {
      this.router = router;
      this.guard = guard;
      this.authenticator = authenticator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String query = request.getHttpURI().getQuery();
      String user = null;
      String token = request.getHeaders().get(ACCESS_TOKEN_HEADER);
      if (token != null && "GET".equals(request.getMethod())) {
        UiResponse r;
        try {
          r =
              router.routeWithToken(
                  new UiRequest(
                      path.startsWith("/") ? path.substring(1) : path,
                      queryParams(request),
                      "GET",
                      null),
                  token);
        } catch (RuntimeException e) {
          LOG.warn("The web UI failed on {}", path, e);
          r = UiResponse.text(500, "Internal error: " + e);
        }
        if (r != null) {
          return write(request, response, callback, r);
        }
      }
      if (authenticator != null) {
        HttpAuthenticator.Outcome outcome =
            authenticator.authenticate(
                request.getHeaders().get(HttpHeader.AUTHORIZATION), Request.getServerName(request));
        if (outcome.wwwAuthenticate() != null) {
          response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, outcome.wwwAuthenticate());
        }
        if (outcome.user() == null) {
          return write(
              request,
              response,
              callback,
              UiResponse.text(
                  outcome.status(),
                  outcome.status() == 401
                      ? "Authentication required (SPNEGO: kinit, then curl --negotiate -u :)"
                      : "Authentication failed"));
        }
        user = outcome.user();
      }
      if (guard != null) {
        if (!guard.fromProxy(Request.getRemoteAddr(request))) {
          response.setStatus(302);
          response
              .getHeaders()
              .put(HttpHeader.LOCATION, guard.redirect(path + (query == null ? "" : "?" + query)));
          callback.succeeded();
          return true;
        }
        for (HttpCookie c : Request.getCookies(request)) {
          if (ProxyGuard.USER_COOKIE.equals(c.getName())) {
            user = c.getValue();
          }
        }
      }
      Map<String, String> params = queryParams(request);
      if ("POST".equals(request.getMethod())) {
        // the kill forms send their CSRF token in the body; small forms only
        try {
          for (Fields.Field f : FormFields.getFields(request, 16, 8192)) {
            params.putIfAbsent(f.getName(), f.getValue());
          }
        } catch (RuntimeException e) {
          response.setStatus(400);
          callback.succeeded();
          return true;
        }
      }
      UiResponse r;
      try {
        r =
            router.route(
                new UiRequest(
                    path.startsWith("/") ? path.substring(1) : path,
                    params,
                    request.getMethod(),
                    user));
      } catch (RuntimeException e) {
        LOG.warn("The web UI failed on {}", path, e);
        r = UiResponse.text(500, "Internal error: " + e);
      }
      return write(request, response, callback, r);
    }

    private static Map<String, String> queryParams(Request request) {
      Map<String, String> params = new LinkedHashMap<>();
      for (Fields.Field f : Request.extractQueryParameters(request)) {
        params.putIfAbsent(f.getName(), f.getValue());
      }
      return params;
    }

    private static boolean write(
        Request request, Response response, Callback callback, UiResponse r) {
      response.setStatus(r.status());
      var headers = response.getHeaders();
      headers.put(HttpHeader.CONTENT_TYPE, r.contentType());
      headers.put(HttpHeader.CACHE_CONTROL, "no-store");
      headers.put("X-Content-Type-Options", "nosniff");
      headers.put("Content-Security-Policy", CSP);
      if (r.location() != null) {
        headers.put(HttpHeader.LOCATION, r.location());
      }
      if ("HEAD".equals(request.getMethod())) {
        callback.succeeded();
      } else {
        response.write(true, ByteBuffer.wrap(r.body()), callback);
      }
      return true;
    }
  }
}
