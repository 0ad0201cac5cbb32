package dev.weft.yarn.am;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's status document, served at {@link AmLaunch#STATUS_PATH} under the tracking URL and
 * polled by {@code yarn-submit} for its progress and its end-of-run summary.
 *
 * <p>Compatibility: fields are only ever added, and readers ignore fields they do not know; a
 * document of an older driver has no {@code totals} (null) and no {@code events} (empty).
 *
 * @param state the driver's state: {@code STARTING}, {@code RUNNING}, {@code SUCCEEDED} or {@code
 *     FAILED}
 * @param executors executors registered now
 * @param stages the stages running now, by stage id
 * @param diagnostics why the application failed, or null
 * @param totals what the application's jobs, stages and tasks did so far, or null (older drivers)
 * @param events the latest state changes (stage submitted or completed, job ended), oldest first,
 *     numbered from 1 so that a reader can ask only for newer ones ({@code ?since=<seq>})
 */
public record DriverStatus(
    String state,
    int executors,
    List<StageProgress> stages,
    String diagnostics,
    Totals totals,
    List<Event> events) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public DriverStatus {
    stages = stages == null ? List.of() : List.copyOf(stages);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** A document without totals and events, as older drivers wrote it. */
  public DriverStatus(String state, int executors, List<StageProgress> stages, String diagnostics) {
    this(state, executors, stages, diagnostics, null, List.of());
  }

  /**
   * One running stage's progress.
   *
   * @param stageId the stage
   * @param attempt the stage's attempt
   * @param name what it computes, e.g. {@code reduceByKey at WordCount.java:41}
   * @param tasks its task count
   * @param succeeded tasks finished
   * @param running tasks running now
   * @param failed task attempts that failed
   */
  public record StageProgress(
      int stageId, int attempt, String name, int tasks, int succeeded, int running, int failed) {}

  /** The kinds of {@link Event}. */
  public enum EventKind {
    STAGE_SUBMITTED,
    STAGE_COMPLETED,
    JOB_ENDED
  }

  /**
   * A state change of the driver's jobs and stages.
   *
   * @param seq its number, 1 for the first event of the driver, increasing by one
   * @param kind what happened
   * @param jobId the job, for {@link EventKind#JOB_ENDED}; -1 otherwise
   * @param stageId the stage, for the stage events; -1 otherwise
   * @param attempt the stage's attempt
   * @param name the stage's name, for the stage events
   * @param tasks the stage's task count, or the tasks that succeeded in the stage or job when it
   *     ended
   * @param durationMillis how long the stage or job ran, when it ended; else 0
   * @param failure why the stage or job failed, or null
   */
  public record Event(
      long seq,
      EventKind kind,
      int jobId,
      int stageId,
      int attempt,
      String name,
      int tasks,
      long durationMillis,
      String failure) {}

  /**
   * What the application did so far, summed over the tasks that ended (failed attempts included for
   * the byte counts, as their work was done).
   *
   * @param jobsSucceeded jobs that ended successfully
   * @param jobsFailed jobs that failed
   * @param stagesSucceeded stage attempts that completed
   * @param stagesFailed stage attempts that failed (a fetch failure, a task failing too often)
   * @param tasksSucceeded task attempts that succeeded
   * @param tasksFailed task attempts that failed (an exception, a fetch failure, a lost executor);
   *     killed attempts are not counted
   * @param inputBytes bytes read from files
   * @param inputRecords records read from files
   * @param outputBytes bytes written to output files
   * @param outputRecords records written to output files
   * @param shuffleReadBytes shuffle bytes fetched by reduce tasks
   * @param shuffleWriteBytes shuffle bytes written by map tasks
   * @param memoryBytesSpilled in-memory bytes released by spilling
   * @param diskBytesSpilled bytes written to disk by spilling
   * @param tasksByLocality successful task attempts by locality level ({@code NODE_LOCAL}, ...)
   */
  public record Totals(
      int jobsSucceeded,
      int jobsFailed,
      int stagesSucceeded,
      int stagesFailed,
      long tasksSucceeded,
      long tasksFailed,
      long inputBytes,
      long inputRecords,
      long outputBytes,
      long outputRecords,
      long shuffleReadBytes,
      long shuffleWriteBytes,
      long memoryBytesSpilled,
      long diskBytesSpilled,
      Map<String, Long> tasksByLocality) {

    public Totals {
      tasksByLocality =
          tasksByLocality == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new TreeMap<>(tasksByLocality));
    }
  }

  /** This document as JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the driver status as JSON", e);
    }
  }

  /**
   * Parses a document written by {@link #toJson}; unknown fields (of newer drivers) are ignored.
   *
   * @throws IllegalArgumentException when {@code json} is not such a document
   */
  public static DriverStatus fromJson(String json) {
    try {
      return JSON.readValue(json, DriverStatus.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not a Weft driver status document: " + e.getOriginalMessage(), e);
    }
  }
}
