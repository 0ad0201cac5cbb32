package dev.weft.ui;

/** What the UI may do to a live application: the kill buttons (off unless weft.ui.killEnabled). */
public interface UiActions {
  /** Fails a running job with {@code reason}; false when no such job runs. */
  boolean killJob(int jobId, String reason);

  /** Fails the running jobs that need a stage with {@code reason}; false when none does. */
  boolean killStage(int stageId, String reason);
}
