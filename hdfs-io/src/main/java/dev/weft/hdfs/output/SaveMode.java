package dev.weft.hdfs.output;

/** What an {@link OutputJob} does when its destination already exists. */
public enum SaveMode {
  /** Fail at job setup if the destination exists. The default. */
  ERROR_IF_EXISTS,
  /**
   * Replace the destination's contents with the job's output. The old contents are removed only at
   * job commit, so a job that fails leaves them in place.
   */
  OVERWRITE,
  /**
   * Add the job's files to the destination. Their names carry the job id, so they cannot clash with
   * the files already there.
   */
  APPEND
}
