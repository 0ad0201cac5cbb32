package dev.weft.spi.scheduler;

import dev.weft.api.Accumulator;
import dev.weft.core.runtime.TaskMetrics;
import java.io.Serializable;
import java.util.List;

/** How a task attempt ended, as its executor reports it. */
public sealed interface TaskEndReason extends Serializable {

  /**
   * The task finished.
   *
   * @param value the Kryo-serialized result (a map status for a map task)
   * @param accumulators the task's accumulator copies, to merge on the driver
   */
  record Success(byte[] value, List<Accumulator<?, ?>> accumulators, TaskMetrics metrics)
      implements TaskEndReason {}

  /**
   * The task threw. {@code exception} is the original when it could be serialized, else null; class
   * name, message and stack trace are always there.
   */
  record ExceptionFailure(
      String className,
      String message,
      String stackTrace,
      Throwable exception,
      List<Accumulator<?, ?>> accumulators,
      TaskMetrics metrics)
      implements TaskEndReason {

    /** {@code className: message}, as the job failure names it. */
    public String describe() {
      return message == null ? className : className + ": " + message;
    }
  }

  /**
   * A map output could not be read: the driver recomputes it instead of retrying as is.
   *
   * @param serviceUnreachable whether the shuffle service serving the map output could not be
   *     reached at all (rather than failing this one block): every map output it serves is then
   *     taken as lost
   */
  record FetchFailed(
      int shuffleId,
      int mapId,
      int reduceId,
      String executorId,
      String host,
      String message,
      boolean serviceUnreachable)
      implements TaskEndReason {

    /** A failure of one map output whose service answered. */
    public FetchFailed(
        int shuffleId, int mapId, int reduceId, String executorId, String host, String message) {
      this(shuffleId, mapId, reduceId, executorId, host, message, false);
    }
  }

  /** The task was killed on request; not a failure. */
  record Killed(String reason) implements TaskEndReason {}

  /** The executor running the task went away; not counted against the task. */
  record ExecutorLost(String executorId, String reason) implements TaskEndReason {}
}
