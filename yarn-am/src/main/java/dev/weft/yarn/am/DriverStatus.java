package dev.weft.yarn.am;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The driver's status document, served at {@link AmLaunch#STATUS_PATH} under the tracking URL and
 * polled by {@code yarn-submit} for its progress lines.
 *
 * @param state the driver's state: {@code STARTING}, {@code RUNNING}, {@code SUCCEEDED} or {@code
 *     FAILED}
 * @param executors executors registered now
 * @param stages the stages running now, by stage id
 * @param diagnostics why the application failed, or null
 */
public record DriverStatus(
    String state, int executors, List<StageProgress> stages, String diagnostics) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public DriverStatus {
    stages = stages == null ? List.of() : List.copyOf(stages);
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
