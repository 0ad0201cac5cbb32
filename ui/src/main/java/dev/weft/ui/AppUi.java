package dev.weft.ui;

import dev.weft.core.status.AppStatusStore;

/**
 * One application as the UI serves it.
 *
 * @param store its status
 * @param live whether it is the running driver's own (pages refresh, kill may be offered)
 * @param actions what the kill buttons do, or null when the UI cannot change the job
 * @param killEnabled whether the kill buttons are offered (to the application's owner only)
 */
public record AppUi(AppStatusStore store, boolean live, UiActions actions, boolean killEnabled) {

  /** A read-only view, e.g. replayed from an event log. */
  public static AppUi readOnly(AppStatusStore store, boolean live) {
    return new AppUi(store, live, null, false);
  }

  boolean canKill() {
    return live && killEnabled && actions != null;
  }
}
