package dev.weft.spi.scheduler;

import java.io.Serializable;

/**
 * A task attempt to run on an executor.
 *
 * @param taskId unique within the application
 * @param executorId the executor chosen for it
 * @param stageId the stage
 * @param stageAttempt the stage's attempt
 * @param partition the partition to compute
 * @param attemptNumber how many attempts of this partition ran before in this stage attempt
 * @param binary the serialized stage binary (lineage and function), shared by the stage's tasks
 */
public record TaskDescription(
    long taskId,
    String executorId,
    int stageId,
    int stageAttempt,
    int partition,
    int attemptNumber,
    byte[] binary)
    implements Serializable {

  /** A name for logs, e.g. {@code task 12 (stage 3.0, partition 7, attempt 0)}. */
  public String name() {
    return "task "
        + taskId
        + " (stage "
        + stageId
        + "."
        + stageAttempt
        + ", partition "
        + partition
        + ", attempt "
        + attemptNumber
        + ")";
  }
}
