package dev.weft.yarn.am;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The command-line contract of the ApplicationMaster's container, shared by {@code yarn-submit}
 * (which builds the command) and {@link ApplicationMaster}.
 */
public final class AmLaunch {
  private AmLaunch() {}

  /** The AM's main class; it takes no arguments: everything is in {@link LaunchSpec}. */
  public static final String MAIN_CLASS = "dev.weft.yarn.am.ApplicationMaster";

  /**
   * The path of the driver's status document under the tracking URL: JSON with the application's
   * state and the progress of each running stage, which {@code yarn-submit} polls to print
   * progress.
   */
  public static final String STATUS_PATH = "/api/status";

  /**
   * The token with which {@code yarn-submit} reads the status document directly from the
   * ApplicationMaster whatever the view ACLs say: an HMAC-SHA256 of a fixed label under the
   * application secret (which the submitting client made), so the token reveals nothing of the
   * secret and opens nothing else.
   */
  public static String statusToken(byte[] applicationSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(applicationSecret, "HmacSHA256"));
      byte[] token = mac.doFinal("weft status document".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable: " + e, e);
    }
  }
}
