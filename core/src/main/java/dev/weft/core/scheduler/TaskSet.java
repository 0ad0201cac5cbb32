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
 */
public record TaskSet(
    int stageId,
    int stageAttempt,
    int jobId,
    int[] partitions,
    List<List<TaskLocation>> preferences,
    byte[] binary) {

  public String name() {
    return "stage " + stageId + "." + stageAttempt;
  }
}
