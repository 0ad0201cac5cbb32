package dev.weft.core.status;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One thing that happened in an application, as the status model and the event log see it: the
 * scheduler's events stamped with a time and reduced to plain data. The model is a function of the
 * sequence of these events, so replaying an event log rebuilds the same model.
 *
 * <p>Every event is one JSON object with an {@code event} field naming its type; {@link
 * EventLogFormat} writes and reads them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StatusEvent.AppStarted.class, name = "AppStarted"),
  @JsonSubTypes.Type(value = StatusEvent.AppEnded.class, name = "AppEnded"),
  @JsonSubTypes.Type(value = StatusEvent.JobStarted.class, name = "JobStarted"),
  @JsonSubTypes.Type(value = StatusEvent.JobEnded.class, name = "JobEnded"),
  @JsonSubTypes.Type(value = StatusEvent.StageSubmitted.class, name = "StageSubmitted"),
  @JsonSubTypes.Type(value = StatusEvent.StageCompleted.class, name = "StageCompleted"),
  @JsonSubTypes.Type(value = StatusEvent.TaskStarted.class, name = "TaskStarted"),
  @JsonSubTypes.Type(value = StatusEvent.TaskEnded.class, name = "TaskEnded"),
  @JsonSubTypes.Type(value = StatusEvent.ExecutorAdded.class, name = "ExecutorAdded"),
  @JsonSubTypes.Type(value = StatusEvent.ExecutorRemoved.class, name = "ExecutorRemoved"),
  @JsonSubTypes.Type(value = StatusEvent.DatasetCached.class, name = "DatasetCached"),
  @JsonSubTypes.Type(value = StatusEvent.DatasetUnpersisted.class, name = "DatasetUnpersisted"),
  @JsonSubTypes.Type(value = StatusEvent.BlockUpdated.class, name = "BlockUpdated")
})
public sealed interface StatusEvent {

  /** When it happened, in epoch milliseconds. */
  long time();

  /**
   * @param attemptId the YARN attempt number, or null outside YARN
   * @param config the {@code weft.*} configuration, secrets redacted
   */
  record AppStarted(
      long time,
      String appId,
      String attemptId,
      String name,
      String user,
      Map<String, String> config)
      implements StatusEvent {}

  /**
   * @param failure why the application failed, or null
   */
  record AppEnded(long time, String failure) implements StatusEvent {}

  /** A stage as a job names it (for the job's DAG). */
  record StageRef(
      int stageId, String name, int numTasks, boolean shuffleMap, List<Integer> parentIds) {
    public StageRef {
      parentIds = List.copyOf(parentIds);
    }
  }

  /**
   * @param stages every stage the job needs, also those it will skip
   */
  record JobStarted(long time, int jobId, String name, List<StageRef> stages)
      implements StatusEvent {
    public JobStarted {
      stages = List.copyOf(stages);
    }
  }

  record JobEnded(long time, int jobId, String failure) implements StatusEvent {}

  record StageSubmitted(
      long time,
      int stageId,
      int attempt,
      String name,
      int numTasks,
      boolean shuffleMap,
      List<Integer> parentIds)
      implements StatusEvent {
    public StageSubmitted {
      parentIds = List.copyOf(parentIds);
    }
  }

  /**
   * @param failure why the attempt failed or was stopped, or null when it succeeded
   */
  record StageCompleted(long time, int stageId, int attempt, String failure)
      implements StatusEvent {}

  /** A task attempt: where and how it runs. */
  record TaskRef(
      long taskId,
      int stageId,
      int stageAttempt,
      int index,
      int partition,
      int attempt,
      String executorId,
      String host,
      String locality,
      long launchTime) {}

  record TaskStarted(long time, TaskRef task) implements StatusEvent {}

  /**
   * @param outcome how it ended: {@link TaskOutcome}
   * @param error the failure's description, or null
   * @param metrics what it reported, or null (lost executor)
   */
  record TaskEnded(long time, TaskRef task, TaskOutcome outcome, String error, TaskFigures metrics)
      implements StatusEvent {}

  /**
   * @param maxMemoryBytes the executor's heap
   * @param logUrl where its logs are read, or null
   */
  record ExecutorAdded(
      long time, String executorId, String host, int cores, long maxMemoryBytes, String logUrl)
      implements StatusEvent {}

  record ExecutorRemoved(long time, String executorId, String reason) implements StatusEvent {}

  record DatasetCached(long time, int nodeId, String name, int numPartitions, String level)
      implements StatusEvent {}

  record DatasetUnpersisted(long time, int nodeId) implements StatusEvent {}

  /** A cached partition appeared, moved or went ({@code level} {@code NONE}) on an executor. */
  record BlockUpdated(
      long time,
      String executorId,
      int nodeId,
      int partition,
      String level,
      long memoryBytes,
      long diskBytes)
      implements StatusEvent {}
}
