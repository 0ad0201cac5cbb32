package dev.weft.ui;

/**
 * Authenticates the users of a {@link UiServer} from a request's {@code Authorization} header (the
 * history server's SPNEGO, {@link dev.weft.ui.history.SpnegoAuthenticator}).
 */
public interface HttpAuthenticator {

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @param serverName the host name the request was sent to
   */
  Outcome authenticate(String authorization, String serverName);

  /**
   * What became of a request.
   *
   * @param user the authenticated user's short name, or null when the request is answered with
   *     {@code status} instead
   * @param status the HTTP status to answer with when {@code user} is null (401 to ask for
   *     credentials)
   * @param wwwAuthenticate the {@code WWW-Authenticate} header to send back, or null
   */
  record Outcome(String user, int status, String wwwAuthenticate) {}
}
