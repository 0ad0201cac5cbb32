package dev.weft.hdfs.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The task side of an output job's commit protocol: which attempt of a partition commits, and the
 * move of its directory into the job's committed directory. See {@link OutputJob#commitTask} and
 * {@link OutputJob#commitAuthorizedTask}.
 */
final class TaskCommits {
  private static final Logger LOG = LogManager.getLogger(OutputJob.class);

  private final OutputFiles files;
  private final FileSystem fs;
  private final OutputLayout layout;
  private final String destination;
  private final String jobId;
  // Serialize the attempts of a partition that commit from threads of this process.
  private final CommitLocks locks;

  TaskCommits(
      OutputFiles files, OutputLayout layout, String destination, String jobId, CommitLocks locks) {
    this.locks = locks;
    this.files = files;
    this.fs = files.fs();
    this.layout = layout;
    this.destination = destination;
    this.jobId = jobId;
  }

  private Object lock(int partition) {
    return locks.lockFor(destination, jobId, partition);
  }

  /**
   * Commits a task attempt's closed output, all files of its directory, unless another attempt of
   * the partition committed. Calling it again for the attempt that committed returns true.
   *
   * @return true if this attempt's output is the partition's committed output, false if another
   *     attempt's is
   * @throws IOException if the attempt never opened its output or its directory cannot be moved
   */
  boolean commitTask(int partition, int attempt) throws IOException {
    Path attemptDir = layout.attemptDir(partition, attempt);
    Path committed = layout.committedTaskDir(partition);
    synchronized (lock(partition)) {
      int owner = claim(partition, attempt);
      if (owner != attempt) {
        LOG.info(
            "Refused commit of partition {} attempt {} of job {}: attempt {} committed",
            partition,
            attempt,
            jobId,
            owner < 0 ? "(another)" : owner);
        return false;
      }
      if (fs.exists(committed)) {
        return true;
      }
      if (!fs.exists(attemptDir)) {
        throw noOutput(partition, attempt, attemptDir);
      }
      files.mkdirs(layout.committedDir());
      files.rename(attemptDir, committed);
    }
    LOG.debug("Committed partition {} attempt {} of job {}", partition, attempt, jobId);
    return true;
  }

  /**
   * Commits a task attempt that the driver authorized to commit, for callers with a driver that
   * authorizes one attempt per partition and re-authorizes another only after the previous holder
   * failed. Unlike {@link OutputJob#commitTask}, a claim left by an earlier attempt that died
   * before its commit completed (or whose claim could not be written) does not block the partition
   * forever: this attempt takes the claim over and commits. If the partition's committed output
   * already exists, the earlier attempt completed its commit before it failed, and its output is
   * kept. Calling it again for the attempt that committed returns {@link CommitOutcome#COMMITTED}.
   *
   * @return {@link CommitOutcome#COMMITTED} if this attempt's output is now the partition's
   *     committed output, {@link CommitOutcome#ALREADY_COMMITTED} if another attempt's already was
   *     (discard this attempt's output with {@link OutputJob#abortTask})
   * @throws IOException if the attempt never opened its output or its directory cannot be moved
   */
  OutputJob.CommitOutcome commitAuthorizedTask(int partition, int attempt) throws IOException {
    Path attemptDir = layout.attemptDir(partition, attempt);
    Path committed = layout.committedTaskDir(partition);
    Path claim = layout.claimFile(partition);
    synchronized (lock(partition)) {
      // A directory rename is atomic, so a committed directory that exists is complete.
      if (fs.exists(committed)) {
        return claimOwner(claim) == attempt
            ? OutputJob.CommitOutcome.COMMITTED
            : alreadyCommitted(partition, attempt);
      }
      if (!fs.exists(attemptDir)) {
        throw noOutput(partition, attempt, attemptDir);
      }
      int previous = fs.exists(claim) ? claimOwner(claim) : attempt;
      try (FSDataOutputStream out = fs.create(claim, true)) {
        out.write(Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
      }
      if (previous != attempt) {
        LOG.warn(
            "Partition {} attempt {} of job {} takes over the stale commit claim of attempt {}",
            partition,
            attempt,
            jobId,
            previous < 0 ? "(unknown)" : previous);
      }
      files.mkdirs(layout.committedDir());
      if (!fs.rename(attemptDir, committed)) {
        if (fs.exists(committed) && !fs.exists(new Path(committed, attemptDir.getName()))) {
          // The failed holder was still alive and completed its commit first.
          return alreadyCommitted(partition, attempt);
        }
        throw new IOException(
            "Could not move " + attemptDir + " to " + committed + " for output job " + jobId);
      }
      Path nested = new Path(committed, attemptDir.getName());
      if (fs.exists(nested)) {
        // The failed holder committed between the check and the rename, in another JVM, and the
        // file system (HDFS) moved this attempt's directory into its committed one: undo that.
        files.rename(nested, attemptDir);
        return alreadyCommitted(partition, attempt);
      }
    }
    LOG.debug("Committed authorized partition {} attempt {} of job {}", partition, attempt, jobId);
    return OutputJob.CommitOutcome.COMMITTED;
  }

  private OutputJob.CommitOutcome alreadyCommitted(int partition, int attempt) {
    LOG.info(
        "Partition {} of job {} was already committed by an earlier attempt; attempt {} discards"
            + " its output",
        partition,
        jobId,
        attempt);
    return OutputJob.CommitOutcome.ALREADY_COMMITTED;
  }

  private FileNotFoundException noOutput(int partition, int attempt, Path attemptDir) {
    return new FileNotFoundException(
        "Cannot commit partition "
            + partition
            + " attempt "
            + attempt
            + " of job "
            + jobId
            + ": it opened no output, "
            + attemptDir
            + " does not exist");
  }

  /**
   * Claims the partition for {@code attempt} by creating its claim file exclusively.
   *
   * @return the attempt that holds the claim, or -1 if another attempt holds it and has not yet
   *     written its number
   */
  private int claim(int partition, int attempt) throws IOException {
    Path claim = layout.claimFile(partition);
    try (FSDataOutputStream out = fs.create(claim, false)) {
      out.write(Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
      return attempt;
    } catch (IOException e) {
      // Already exists, or being created by another attempt right now (HDFS lease); anything else
      // is a real failure.
      if (!fs.exists(claim)) {
        throw e;
      }
    }
    return claimOwner(claim);
  }

  /** The attempt written in an existing claim file, or -1 if its content is missing or invalid. */
  private int claimOwner(Path claim) throws IOException {
    try (FSDataInputStream in = fs.open(claim)) {
      return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return -1;
    } catch (FileNotFoundException e) {
      return -1;
    }
  }
}
