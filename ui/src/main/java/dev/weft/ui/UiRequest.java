package dev.weft.ui;

import java.util.Map;

/**
 * A request to the UI, independent of the HTTP server.
 *
 * @param path the path below the application's base, without a leading slash ({@code ""} for the
 *     overview, {@code "jobs"}, {@code "api/v1/applications"}, ...)
 * @param params query parameters (first value of each)
 * @param method the HTTP method
 * @param user the authenticated remote user as the ResourceManager's proxy names it, or null
 */
public record UiRequest(String path, Map<String, String> params, String method, String user) {

  /** A GET of {@code path} by no one in particular. */
  public static UiRequest get(String path, Map<String, String> params) {
    return new UiRequest(path, params, "GET", null);
  }

  /** An integer parameter, or null when absent or not a number. */
  public Integer intParam(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
