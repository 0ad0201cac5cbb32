package dev.weft.hdfs.output;

import org.apache.hadoop.fs.Path;

/**
 * Where an output job keeps its files.
 *
 * <pre>
 * dest/
 *   part-00000, part-00001, ...        published at job commit (append mode: part-00000-jobId)
 *   _SUCCESS                           written last by job commit
 *   _temporary/jobId/
 *     _DESTINATION_CREATED             present if the job created dest; abort then removes it
 *     _OVERWRITE_STARTED               job commit removed dest's old contents (overwrite mode)
 *     attempt-00003-1/part-00003       what attempt 1 of partition 3 writes
 *     claims/part-00003                created exclusively by the one attempt that commits
 *     committed/part-00003             the committed attempt's file, awaiting job commit
 * </pre>
 */
final class OutputLayout {
  static final String TEMPORARY = "_temporary";
  static final String SUCCESS = "_SUCCESS";

  private final Path destination;
  private final String jobId;
  private final boolean jobIdInFileNames;

  OutputLayout(Path destination, String jobId, boolean jobIdInFileNames) {
    this.destination = destination;
    this.jobId = jobId;
    this.jobIdInFileNames = jobIdInFileNames;
  }

  Path destination() {
    return destination;
  }

  Path temporaryRoot() {
    return new Path(destination, TEMPORARY);
  }

  Path jobDir() {
    return new Path(temporaryRoot(), jobId);
  }

  Path destinationCreatedMarker() {
    return new Path(jobDir(), "_DESTINATION_CREATED");
  }

  Path attemptDir(int partition, int attempt) {
    return new Path(jobDir(), String.format("attempt-%05d-%d", partition, attempt));
  }

  Path attemptFile(int partition, int attempt) {
    return new Path(attemptDir(partition, attempt), partFileName(partition));
  }

  Path claimFile(int partition) {
    return new Path(new Path(jobDir(), "claims"), partFileName(partition));
  }

  Path committedDir() {
    return new Path(jobDir(), "committed");
  }

  Path committedFile(int partition) {
    return new Path(committedDir(), partFileName(partition));
  }

  Path successMarker() {
    return new Path(destination, SUCCESS);
  }

  Path overwriteStartedMarker() {
    return new Path(jobDir(), "_OVERWRITE_STARTED");
  }

  /** The name of a partition's output file, e.g. {@code part-00003}. */
  String partFileName(int partition) {
    return partFileName(partition, jobId, jobIdInFileNames);
  }

  /** The name of a partition's output file, with the job id appended if asked. */
  static String partFileName(int partition, String jobId, boolean withJobId) {
    String name = String.format("part-%05d", partition);
    return withJobId ? name + "-" + jobId : name;
  }

  /** Whether a file in the destination was published by this job (recognizable in append mode). */
  boolean isOwnPublishedFile(String name) {
    return jobIdInFileNames && name.startsWith("part-") && name.endsWith("-" + jobId);
  }
}
