package dev.weft.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that state-changing requests (the kill action) must carry, so that another site cannot
 * make a user's browser kill a job (cross-site request forgery): an HMAC of the user and the
 * application with a key made when this JVM loaded the class. Pages embed the token of the user
 * they are rendered for in their forms; a token is only good for that user and application, and for
 * the life of the UI server.
 */
public final class CsrfTokens {
  /** The form field that carries the token. */
  public static final String FIELD = "csrf";

  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private CsrfTokens() {}

  /** The token of {@code user} (null when unauthenticated) for {@code appId}. */
  public static String token(String user, String appId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      byte[] bytes =
          mac.doFinal(((user == null ? "" : user) + "\n" + appId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Whether {@code token} is the one of {@code user} for {@code appId}. */
  public static boolean valid(String token, String user, String appId) {
    return token != null
        && MessageDigest.isEqual(
            token(user, appId).getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII));
  }
}
