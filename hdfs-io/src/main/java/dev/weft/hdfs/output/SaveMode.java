package dev.weft.hdfs.output;

/** What an {@link OutputJob} does when its destination already exists. */
public enum SaveMode {
  /** Fail at job setup if the destination exists. The default. */
  ERROR_IF_EXISTS,
  /**
   * Replace the destination's contents with the job's output. Job commit moves the old contents
   * aside and deletes them only once the new output is complete, so a job that fails, even during
   * its job commit, is aborted with the old contents in place.
   */
  OVERWRITE,
  /**
   * Add the job's files to the destination. Their names carry the job id, so they cannot clash with
   * the files already there.
   */
  APPEND
}
