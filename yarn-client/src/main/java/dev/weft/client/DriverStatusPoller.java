package dev.weft.client;

import dev.weft.ui.UiServer;
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
 *
 * <p>With a status token ({@link AmLaunch#statusToken}, derived from the application secret this
 * client made) the document is read from the ApplicationMaster directly, so progress shows when
 * view ACLs ({@code weft.acls.enable}) are on and when the ResourceManager's web proxy asks for
 * Kerberos (SPNEGO); the token never follows a redirect to the proxy.
 */
final class DriverStatusPoller {
  private static final int TIMEOUT_MS = 2_000;

  private final String token;

  /**
   * @param token the application's status token, or null to read through the proxy as nobody
   */
  DriverStatusPoller(String token) {
    this.token = token;
  }

  /**
   * The status at {@code trackingUrl} + {@link AmLaunch#STATUS_PATH}, with the events after {@code
   * sinceSeq}, or null.
   */
  DriverStatus poll(String trackingUrl, long sinceSeq) {
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
      if (token != null) {
        c.setRequestProperty(UiServer.ACCESS_TOKEN_HEADER, token);
        c.setInstanceFollowRedirects(false);
      }
      try (InputStream in = c.getInputStream()) {
        if (c.getResponseCode() != 200) {
          return null; // a redirect to the proxy: the AM did not take the token
        }
        return DriverStatus.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
