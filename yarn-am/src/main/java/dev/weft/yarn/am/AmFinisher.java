package dev.weft.yarn.am;

import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Ends the application attempt once: unregisters with the ResourceManager with the final status and
 * diagnostics, and removes the staging directory, unless the attempt failed and YARN has attempts
 * left (then it does neither, and the AM's non-zero exit makes YARN retry). Thread-safe: the driver
 * thread, the allocator (too many executor failures), the ResourceManager client and the shutdown
 * hook may all try; the first wins.
 */
public final class AmFinisher {
  private static final Logger LOG = LogManager.getLogger(AmFinisher.class);

  /** What ending the attempt does outside this class. */
  public interface Actions {
    void unregister(FinalApplicationStatus status, String diagnostics) throws Exception;

    void deleteStagingDir() throws Exception;
  }

  private final Actions actions;
  private final boolean lastAttempt;
  private final StatusTracker status;
  private FinalApplicationStatus finalStatus;

  /**
   * @param lastAttempt whether YARN makes no more attempts after this one
   */
  public AmFinisher(Actions actions, boolean lastAttempt, StatusTracker status) {
    this.actions = actions;
    this.lastAttempt = lastAttempt;
    this.status = status;
  }

  /**
   * Ends the attempt with {@code result}; does nothing when it already ended.
   *
   * @return the exit code the AM's process should end with: 0 for SUCCEEDED, else 1
   */
  public synchronized int finish(FinalApplicationStatus result, String diagnostics) {
    if (finalStatus != null) {
      return finalStatus == FinalApplicationStatus.SUCCEEDED ? 0 : 1;
    }
    finalStatus = result;
    boolean succeeded = result == FinalApplicationStatus.SUCCEEDED;
    status.setState(
        succeeded ? StatusTracker.State.SUCCEEDED : StatusTracker.State.FAILED, diagnostics);
    if (!succeeded && !lastAttempt) {
      LOG.error("Application attempt failed, YARN will retry it: {}", diagnostics);
      return 1;
    }
    try {
      // An attached yarn-submit prints the final totals as the run's summary: let it read them.
      status.awaitFinalRead();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info(
        "Unregistering with final status {}{}",
        result,
        diagnostics == null ? "" : ": " + diagnostics);
    try {
      actions.unregister(result, diagnostics);
    } catch (Exception e) {
      LOG.warn("Could not unregister from the ResourceManager: {}", e.toString());
    }
    try {
      actions.deleteStagingDir();
    } catch (Exception e) {
      LOG.warn("Could not delete the staging directory: {}", e.toString());
    }
    return succeeded ? 0 : 1;
  }

  /** Whether the attempt has ended. */
  public synchronized boolean finished() {
    return finalStatus != null;
  }
}
