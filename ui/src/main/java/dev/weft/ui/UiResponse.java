package dev.weft.ui;

import java.nio.charset.StandardCharsets;

/**
 * What the UI answers.
 *
 * @param location where to go next for a redirect, else null
 */
public record UiResponse(int status, String contentType, byte[] body, String location) {

  public static UiResponse html(String html) {
    return new UiResponse(200, "text/html; charset=utf-8", utf8(html), null);
  }

  public static UiResponse json(int status, String json) {
    return new UiResponse(status, "application/json", utf8(json), null);
  }

  public static UiResponse text(int status, String text) {
    return new UiResponse(status, "text/plain; charset=utf-8", utf8(text), null);
  }

  public static UiResponse redirect(String location) {
    return new UiResponse(303, "text/plain; charset=utf-8", utf8("See " + location), location);
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
