package dev.weft.core.scheduler;

import dev.weft.core.plan.TaskLocation;
import java.util.List;

/**
 * The tasks of one stage attempt, handed from the DAG scheduler to the task scheduler.
 *
 * @param jobId the job that submitted it first (earlier jobs are scheduled first)
 * @param partitions the partitions to compute
 * @param preferences preferred locations per entry of {@code partitions}
 * @param binary the serialized {@link dev.weft.core.runtime.StageBinary}
 * @param shuffleMap whether the tasks write map outputs: an executor keeps one output file per map
 *     partition, so two attempts of a map task never run on the same executor at once
 */
public record TaskSet(
    int stageId,
    int stageAttempt,
    int jobId,
    int[] partitions,
    List<List<TaskLocation>> preferences,
    byte[] binary,
    boolean shuffleMap) {

  /** A task set of map tasks (the stricter placement of speculative copies). */
  public TaskSet(
      int stageId,
      int stageAttempt,
      int jobId,
      int[] partitions,
      List<List<TaskLocation>> preferences,
      byte[] binary) {
    this(stageId, stageAttempt, jobId, partitions, preferences, binary, true);
  }

  public String name() {
    return "stage " + stageId + "." + stageAttempt;
  }
}
