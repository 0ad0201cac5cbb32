package dev.weft.spi.scheduler;

import java.util.Map;

/**
 * What the scheduler still has to run, for backends that size their executors to the work (YARN
 * container requests). A snapshot: the scheduler sends a new one whenever it may have changed, at
 * most once per revive interval.
 *
 * @param pendingTasks tasks waiting for a free core, in every active stage
 * @param runningTasks tasks running now
 * @param pendingTasksByHost for each canonical host, how many pending tasks would like to run there
 *     (a task with several preferred hosts counts once for each); tasks without a preference are
 *     not in it
 */
public record Backlog(int pendingTasks, int runningTasks, Map<String, Integer> pendingTasksByHost) {
  /** Nothing to run. */
  public static final Backlog EMPTY = new Backlog(0, 0, Map.of());

  public Backlog {
    pendingTasksByHost = Map.copyOf(pendingTasksByHost);
  }
}
