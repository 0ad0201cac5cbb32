package dev.weft.ui;

/** Answers a request to the UI server: the live driver's or the history server's. */
public interface Router {
  UiResponse route(UiRequest request);

  /**
   * Answers a request that presents an access token (header {@value UiServer#ACCESS_TOKEN_HEADER})
   * instead of coming through the ResourceManager's proxy as an authenticated user, or returns null
   * when the token admits nothing at that path (the request is then handled as any other).
   */
  default UiResponse routeWithToken(UiRequest request, String token) {
    return null;
  }
}
