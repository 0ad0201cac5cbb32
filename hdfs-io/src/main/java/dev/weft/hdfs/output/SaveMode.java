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
  APPEND,
  /**
   * Dynamic partition overwrite (Spark's {@code partitionOverwriteMode=dynamic}): replace only the
   * directories of the destination into which the job writes files, e.g. {@code date=2024-01-02/}
   * when the job writes {@code date=2024-01-02/part-...}; every other directory and file stays. Job
   * commit moves those directories aside and deletes them only once the new output is complete, so
   * a job that fails is aborted with the old contents in place. File names carry the job id, as in
   * {@link #APPEND}, so files the job writes directly into the destination are added beside those
   * there.
   */
  OVERWRITE_PARTITIONS
}
