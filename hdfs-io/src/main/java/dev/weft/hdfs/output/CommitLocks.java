package dev.weft.hdfs.output;

import java.util.Objects;

/**
 * Serializes the commits of one partition's attempts that run as threads of one process. The
 * exclusive create of a claim file is atomic on HDFS but not on the local file system, where the
 * attempts of a local master run as threads of one JVM; every task commits through its own
 * deserialized {@link OutputJob}, so the locks live with whatever runs the tasks (one instance per
 * executor, shared by all its tasks) and are handed to {@link OutputJob#commitTask(int, int,
 * CommitLocks)} and {@link OutputJob#commitAuthorizedTask(int, int, CommitLocks)}. Thread-safe.
 */
public final class CommitLocks {
  private static final int STRIPES = 64;

  private final Object[] locks = new Object[STRIPES];

  /** A new set of locks, shared by no one yet. */
  public CommitLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The lock of one partition of one output job. */
  Object lockFor(String destination, String jobId, int partition) {
    return locks[Math.floorMod(Objects.hash(destination, jobId, partition), STRIPES)];
  }
}
