package dev.weft.core.scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Decides, on the driver, which attempt of each output partition may commit: the first to ask,
 * unless it failed before finishing. A second attempt of the same partition (speculative, retried
 * after a lost executor, or from an older stage attempt) is refused, so a partition is never
 * published twice. Only stages that are running may commit: an attempt that asks after its stage
 * ended, or that the scheduler disowned, is refused. An attempt that the scheduler saw fail is
 * refused too, even if its request arrives afterwards (from an executor that was taken for lost):
 * granting it would hand the partition to an attempt that will never report its end, and every
 * other attempt would be refused for ever (SPARK-19631's case). Which attempts were refused because
 * another holds the partition is remembered, so that the scheduler can bound how often a partition
 * is retried for that reason. Thread-safe: tasks ask from executor threads, the scheduler reports
 * starts, failures and ends.
 */
public final class OutputCommitCoordinator {
  private static final Logger LOG = LogManager.getLogger(OutputCommitCoordinator.class);

  /** The decisions of one stage, across its attempts. */
  private static final class StageCommits {
    final Map<Integer, Long> authorized = new HashMap<>();
    final Set<Long> refused = new HashSet<>();
    final Set<Long> failed = new HashSet<>();
    final Set<Long> denied = new HashSet<>();
  }

  private final Map<Integer, StageCommits> stages = new HashMap<>();

  /** Stage {@code stageId} runs (again): its tasks may ask to commit. Keeps earlier decisions. */
  synchronized void stageStarted(int stageId) {
    stages.computeIfAbsent(stageId, id -> new StageCommits());
  }

  /**
   * Whether {@code taskAttemptId} may commit partition {@code partition} of {@code stageId}. Asking
   * again with the same attempt gives the same answer.
   */
  public synchronized boolean canCommit(int stageId, int partition, long taskAttemptId) {
    StageCommits stage = stages.get(stageId);
    if (stage == null) {
      LOG.info(
          "Refused commit of task {} for partition {} of stage {}: the stage is not running",
          taskAttemptId,
          partition,
          stageId);
      return false;
    }
    if (stage.refused.contains(taskAttemptId)) {
      LOG.info(
          "Refused commit of task {} for partition {} of stage {}: its stage attempt was abandoned",
          taskAttemptId,
          partition,
          stageId);
      return false;
    }
    if (stage.failed.contains(taskAttemptId)) {
      LOG.info(
          "Refused commit of task {} for partition {} of stage {}: the task already failed",
          taskAttemptId,
          partition,
          stageId);
      return false;
    }
    Long winner = stage.authorized.putIfAbsent(partition, taskAttemptId);
    if (winner == null || winner == taskAttemptId) {
      return true;
    }
    stage.denied.add(taskAttemptId);
    LOG.info(
        "Refused commit of task {} for partition {} of stage {}: task {} commits it",
        taskAttemptId,
        partition,
        stageId,
        winner);
    return false;
  }

  /**
   * A task ended without success: if it held the right to commit, another attempt may; it may never
   * commit itself from now on.
   */
  synchronized void taskFailed(int stageId, int partition, long taskAttemptId) {
    StageCommits stage = stages.get(stageId);
    if (stage != null) {
      stage.failed.add(taskAttemptId);
      if (stage.authorized.remove(partition, taskAttemptId)) {
        LOG.info(
            "Task {} that could commit partition {} of stage {} failed: another attempt may commit",
            taskAttemptId,
            partition,
            stageId);
      }
    }
  }

  /** Whether the attempt was refused its commit because another attempt holds the partition. */
  synchronized boolean wasDenied(int stageId, long taskAttemptId) {
    StageCommits stage = stages.get(stageId);
    return stage != null && stage.denied.contains(taskAttemptId);
  }

  /** Whether any attempt of the stage was allowed to commit (its output may be published). */
  synchronized boolean anyAuthorized(int stageId) {
    StageCommits stage = stages.get(stageId);
    return stage != null && !stage.authorized.isEmpty();
  }

  /**
   * These attempts of the stage may never commit, e.g. because what they read was recomputed
   * differently. Only attempts that hold no right to commit may be disowned.
   */
  synchronized void refuse(int stageId, Collection<Long> taskAttemptIds) {
    StageCommits stage = stages.get(stageId);
    if (stage != null) {
      stage.refused.addAll(taskAttemptIds);
    }
  }

  /** Forgets a stage's decisions once its job ended; its late attempts are refused. */
  synchronized void stageEnded(int stageId) {
    stages.remove(stageId);
  }
}
