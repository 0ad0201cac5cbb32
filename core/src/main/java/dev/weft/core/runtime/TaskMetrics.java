package dev.weft.core.runtime;

import java.io.Serializable;

/**
 * What one task attempt did: time, records and bytes in and out, shuffle and spill. Updated only by
 * the task's own thread; sent to the driver with the task's result.
 */
public final class TaskMetrics implements Serializable {
  public long executorRunTimeNanos;
  public long gcTimeMillis;
  public long resultBytes;
  public long inputBytes;
  public long inputRecords;
  public long outputBytes;
  public long outputRecords;
  public long shuffleReadBytes;
  public long shuffleReadRecords;
  public long shuffleReadBlocks;
  public long shuffleWriteBytes;
  public long shuffleWriteRecords;
  public long shuffleWriteTimeNanos;
  public long memoryBytesSpilled;
  public long diskBytesSpilled;
  public long spillCount;
  public long peakExecutionMemory;

  /** Adds {@code other}'s counts to these (for stage and job totals). */
  public void add(TaskMetrics other) {
    executorRunTimeNanos += other.executorRunTimeNanos;
    gcTimeMillis += other.gcTimeMillis;
    resultBytes += other.resultBytes;
    inputBytes += other.inputBytes;
    inputRecords += other.inputRecords;
    outputBytes += other.outputBytes;
    outputRecords += other.outputRecords;
    shuffleReadBytes += other.shuffleReadBytes;
    shuffleReadRecords += other.shuffleReadRecords;
    shuffleReadBlocks += other.shuffleReadBlocks;
    shuffleWriteBytes += other.shuffleWriteBytes;
    shuffleWriteRecords += other.shuffleWriteRecords;
    shuffleWriteTimeNanos += other.shuffleWriteTimeNanos;
    memoryBytesSpilled += other.memoryBytesSpilled;
    diskBytesSpilled += other.diskBytesSpilled;
    spillCount += other.spillCount;
    peakExecutionMemory = Math.max(peakExecutionMemory, other.peakExecutionMemory);
  }
}
