package dev.weft.client;

import dev.weft.yarn.am.AmLaunch;
import dev.weft.yarn.am.DriverStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Reads the driver's status document from its tracking URL, with short timeouts; any failure is "no
 * status now" (the AM may not serve yet, or be gone).
 */
final class DriverStatusPoller {
  private static final int TIMEOUT_MS = 2_000;

  private DriverStatusPoller() {}

  /**
   * The status at {@code trackingUrl} + {@link AmLaunch#STATUS_PATH}, with the events after {@code
   * sinceSeq}, or null.
   */
  static DriverStatus poll(String trackingUrl, long sinceSeq) {
    if (trackingUrl == null || trackingUrl.isBlank() || trackingUrl.equals("N/A")) {
      return null;
    }
    String base = trackingUrl.contains("://") ? trackingUrl : "http://" + trackingUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              new URL(base + AmLaunch.STATUS_PATH + "?since=" + sinceSeq).openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      c.setRequestProperty("Accept", "application/json");
      try (InputStream in = c.getInputStream()) {
        return DriverStatus.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
