package dev.weft.core.scheduler;

import dev.weft.core.plan.PlanNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of tasks that run the same lineage over different partitions, up to a shuffle boundary. A
 * map stage writes a shuffle; a result stage runs an action's function.
 */
abstract sealed class Stage permits ShuffleMapStage, ResultStage {
  final int id;
  final PlanNode<?> node;
  final List<Stage> parents;
  final int firstJobId;
  final Set<Integer> jobIds = new HashSet<>();

  /** Partitions of the latest attempt that have not succeeded yet. */
  final Set<Integer> pendingPartitions = new HashSet<>();

  /** Attempts that ended in a fetch failure since the stage last succeeded. */
  final Set<Integer> fetchFailedAttempts = new HashSet<>();

  int latestAttempt = -1;
  long submittedMillis;

  /**
   * Results of attempts before this one are ignored: what those attempts read was recomputed
   * differently (an indeterminate parent stage ran again).
   */
  int firstValidAttempt;

  Stage(int id, PlanNode<?> node, List<Stage> parents, int firstJobId) {
    this.id = id;
    this.node = node;
    this.parents = parents;
    this.firstJobId = firstJobId;
  }

  /** The partitions that still need computing. */
  abstract int[] missingPartitions();

  abstract int numTasks();

  /**
   * As Spark names stages: {@code reduceByKey at WordCount.java:33} (the node's {@link
   * PlanNode#displayName}, its operation unless a layer above named it), else by node id.
   */
  String name() {
    String site = node.callSite();
    return node.displayName() + " at " + (site != null ? site : "node " + node.id());
  }

  SchedulerListener.StageInfo info(int attempt, int numTasks) {
    return new SchedulerListener.StageInfo(
        id,
        attempt,
        name(),
        numTasks,
        this instanceof ShuffleMapStage,
        parents.stream().map(p -> p.id).toList());
  }

  @Override
  public String toString() {
    return (this instanceof ShuffleMapStage ? "ShuffleMapStage " : "ResultStage ") + id;
  }
}
