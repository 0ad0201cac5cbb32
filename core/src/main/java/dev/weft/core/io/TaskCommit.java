package dev.weft.core.io;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskKilledException;
import dev.weft.hdfs.output.OutputJob;
import java.io.IOException;

/** The task side of committing an output partition, shared by every output format. */
public final class TaskCommit {
  private TaskCommit() {}

  /**
   * Commits this attempt's files if the driver lets it: the driver's decision is the authority (it
   * hands the right on only when the previous holder failed), so a claim left by a dead attempt
   * does not block the partition.
   *
   * @return true when this attempt's output was committed; false when an earlier attempt's output
   *     is already committed (this attempt's files are discarded)
   * @throws TaskKilledException when another live attempt holds the right to commit
   */
  public static boolean commit(OutputJob job, TaskContextImpl ctx, int partition, int attempt)
      throws IOException {
    if (!ctx.runtime().canCommit(ctx)) {
      job.abortTask(partition, attempt);
      throw new TaskKilledException(
          "commit denied: another attempt commits partition " + partition);
    }
    if (job.commitAuthorizedTask(partition, attempt, ctx.runtime().commitLocks())
        == OutputJob.CommitOutcome.ALREADY_COMMITTED) {
      job.abortTask(partition, attempt);
      return false;
    }
    return true;
  }
}
