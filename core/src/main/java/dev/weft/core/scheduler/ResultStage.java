package dev.weft.core.scheduler;

import dev.weft.core.plan.PlanNode;
import dev.weft.core.runtime.TaskFunction;
import java.util.List;
import java.util.stream.IntStream;

/** The last stage of a job: runs the action's function on the requested partitions. */
final class ResultStage extends Stage {
  final TaskFunction<?, ?> function;
  final int[] partitions;
  ActiveJob job;

  ResultStage(
      int id,
      PlanNode<?> node,
      TaskFunction<?, ?> function,
      int[] partitions,
      List<Stage> parents,
      int jobId) {
    super(id, node, parents, jobId);
    this.function = function;
    this.partitions = partitions;
  }

  @Override
  int[] missingPartitions() {
    return IntStream.range(0, partitions.length)
        .filter(i -> !job.finished[i])
        .map(i -> partitions[i])
        .toArray();
  }

  @Override
  int numTasks() {
    return partitions.length;
  }
}
