package dev.weft.core.scheduler;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Decides, on the driver, which attempt of each output partition may commit: the first to ask,
 * unless it failed before finishing. A second attempt of the same partition (speculative, retried
 * after a lost executor, or from an older stage attempt) is refused, so a partition is never
 * published twice. Thread-safe: tasks ask from executor threads, the scheduler reports failures.
 */
public final class OutputCommitCoordinator {
  private static final Logger LOG = LogManager.getLogger(OutputCommitCoordinator.class);

  private record Key(int stageId, int partition) {}

  private final Map<Key, Long> authorized = new HashMap<>();

  /**
   * Whether {@code taskAttemptId} may commit partition {@code partition} of {@code stageId}. Asking
   * again with the same attempt gives the same answer.
   */
  public synchronized boolean canCommit(int stageId, int partition, long taskAttemptId) {
    Key key = new Key(stageId, partition);
    Long winner = authorized.putIfAbsent(key, taskAttemptId);
    if (winner == null || winner == taskAttemptId) {
      return true;
    }
    LOG.info(
        "Refused commit of task {} for partition {} of stage {}: task {} commits it",
        taskAttemptId,
        partition,
        stageId,
        winner);
    return false;
  }

  /** A task ended without success: if it held the right to commit, another attempt may. */
  synchronized void taskFailed(int stageId, int partition, long taskAttemptId) {
    authorized.remove(new Key(stageId, partition), taskAttemptId);
  }

  /** Forgets a stage's decisions once its job ended. */
  synchronized void stageEnded(int stageId) {
    authorized.keySet().removeIf(k -> k.stageId() == stageId);
  }
}
