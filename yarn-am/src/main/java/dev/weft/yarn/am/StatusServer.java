package dev.weft.yarn.am;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The driver's minimal web page and status document, the application's tracking URL: {@code /}
 * shows the application's name, state, executors and running stages, {@link AmLaunch#STATUS_PATH}
 * serves {@link DriverStatus} as JSON ({@code ?since=N}: only the events after number N). Links are
 * relative, so the page works behind the ResourceManager's proxy at {@code /proxy/<appId>/}.
 */
public final class StatusServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final StatusTracker status;

  /**
   * Starts the server on every interface.
   *
   * @param port the port, 0 for a free one
   * @throws IOException when the port cannot be bound
   */
  public StatusServer(int port, StatusTracker status) throws IOException {
    this.status = status;
    this.server = HttpServer.create(new InetSocketAddress(port), 16);
    this.threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "weft-status-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "Only GET is supported");
      } else if (path.equals(AmLaunch.STATUS_PATH) || path.equals(AmLaunch.STATUS_PATH + "/")) {
        long since = sinceParameter(exchange.getRequestURI().getRawQuery());
        send(exchange, 200, "application/json", status.poll(since).toJson());
      } else if (path.equals("/") || path.isEmpty()) {
        send(
            exchange,
            200,
            "text/html; charset=utf-8",
            StatusPage.html(status.appName(), status.snapshot()));
      } else {
        send(exchange, 404, "text/plain", "Not found: " + path);
      }
    }
  }

  /** The {@code since} parameter of a status query (events after that number), else 0. */
  static long sinceParameter(String query) {
    if (query == null) {
      return 0;
    }
    for (String param : query.split("&")) {
      if (param.startsWith("since=")) {
        try {
          return Math.max(0, Long.parseLong(param.substring("since=".length())));
        } catch (NumberFormatException e) {
          return 0; // every event kept: a reader that sends garbage gets everything
        }
      }
    }
    return 0;
  }

  private static void send(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
