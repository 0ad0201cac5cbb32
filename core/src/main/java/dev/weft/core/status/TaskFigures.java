package dev.weft.core.status;

import dev.weft.core.runtime.TaskMetrics;

/**
 * What a task attempt (or a sum of them) did, as the UI shows it. Immutable; {@link #plus} adds.
 *
 * @param runTimeMillis time in the task's code on the executor
 */
public record TaskFigures(
    long runTimeMillis,
    long gcTimeMillis,
    long inputBytes,
    long inputRecords,
    long outputBytes,
    long outputRecords,
    long shuffleReadBytes,
    long shuffleReadRecords,
    long shuffleWriteBytes,
    long shuffleWriteRecords,
    long memoryBytesSpilled,
    long diskBytesSpilled,
    long resultBytes,
    long peakExecutionMemory) {

  public static final TaskFigures ZERO = new TaskFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The figures of a task's metrics; {@link #ZERO} for null. */
  public static TaskFigures of(TaskMetrics m) {
    if (m == null) {
      return ZERO;
    }
    return new TaskFigures(
        m.executorRunTimeNanos / 1_000_000,
        m.gcTimeMillis,
        m.inputBytes,
        m.inputRecords,
        m.outputBytes,
        m.outputRecords,
        m.shuffleReadBytes,
        m.shuffleReadRecords,
        m.shuffleWriteBytes,
        m.shuffleWriteRecords,
        m.memoryBytesSpilled,
        m.diskBytesSpilled,
        m.resultBytes,
        m.peakExecutionMemory);
  }

  /** The sum of these and {@code o} (peak memory: the larger). */
  public TaskFigures plus(TaskFigures o) {
    if (o == null) {
      return this;
    }
    return new TaskFigures(
        runTimeMillis + o.runTimeMillis,
        gcTimeMillis + o.gcTimeMillis,
        inputBytes + o.inputBytes,
        inputRecords + o.inputRecords,
        outputBytes + o.outputBytes,
        outputRecords + o.outputRecords,
        shuffleReadBytes + o.shuffleReadBytes,
        shuffleReadRecords + o.shuffleReadRecords,
        shuffleWriteBytes + o.shuffleWriteBytes,
        shuffleWriteRecords + o.shuffleWriteRecords,
        memoryBytesSpilled + o.memoryBytesSpilled,
        diskBytesSpilled + o.diskBytesSpilled,
        resultBytes + o.resultBytes,
        Math.max(peakExecutionMemory, o.peakExecutionMemory));
  }
}
