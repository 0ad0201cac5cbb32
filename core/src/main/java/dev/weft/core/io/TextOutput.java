package dev.weft.core.io;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.TaskOutput;
import java.util.Iterator;

/**
 * The task side of writing text: each attempt writes its partition under the job's temporary
 * directory and commits it; an attempt that loses the race to another of its partition discards its
 * file.
 */
public final class TextOutput {
  private TextOutput() {}

  /** The function each task of a text save runs. */
  public static <T> TaskFunction<T, Long> writer(OutputJob job) {
    return (TaskContextImpl ctx, Iterator<T> records) -> {
      int partition = ctx.partitionId();
      // The task attempt id is unique across stage attempts, unlike the attempt number.
      int attempt = (int) ctx.taskAttemptId();
      TaskOutput out = job.openTask(partition, attempt);
      try {
        while (records.hasNext()) {
          out.writeLine(String.valueOf(records.next()));
        }
        out.close();
      } catch (Exception e) {
        try {
          out.close();
          job.abortTask(partition, attempt);
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup); // the write's own failure is what the user needs to see
        }
        throw e;
      }
      if (!TaskCommit.commit(job, ctx, partition, attempt)) {
        return 0L; // an earlier attempt of this partition committed its output already
      }
      ctx.metrics().outputBytes += out.bytesWritten();
      ctx.metrics().outputRecords += out.recordsWritten();
      return out.recordsWritten();
    };
  }
}
