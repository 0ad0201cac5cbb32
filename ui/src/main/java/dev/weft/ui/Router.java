package dev.weft.ui;

/** Answers a request to the UI server: the live driver's or the history server's. */
public interface Router {
  UiResponse route(UiRequest request);
}
