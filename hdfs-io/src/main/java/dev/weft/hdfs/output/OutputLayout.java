package dev.weft.hdfs.output;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Where an output job keeps its files.
 *
 * <pre>
 * dest/
 *   part-00000, part-00001, ...        text output, published at job commit
 *                                      (append mode: part-00000-jobId; compressed: part-00000.gz)
 *   country=DE/part-00003-jobId-c000.parquet   files of {@link TaskFiles}, in any sub-directory
 *   _SUCCESS                           written last by job commit (job=, owner= lines)
 *   _temporary/jobId/
 *     _DESTINATION_CREATED             present if the job created dest; abort then removes it
 *     _PUBLISHING                      job commit's manifest, written before anything is moved:
 *                                      one line per committed file, task-00003/country=DE/part-...
 *     _previous/...                    what the job replaces (overwrite mode; an earlier application
 *                                      attempt's output), moved aside; deleted once every file is
 *                                      published, moved back by an abort before that
 *     _PUBLISH_STARTED                 the move aside is done; publishing began
 *     attempt-00003-1/...              what attempt 1 of partition 3 writes: files, sub-directories
 *     claims/part-00003                created exclusively by the one attempt that commits
 *     committed/task-00003/...         the committed attempt's directory, awaiting job commit
 * </pre>
 */
final class OutputLayout {
  static final String TEMPORARY = "_temporary";
  static final String SUCCESS = "_SUCCESS";
  private static final Pattern PART_PREFIX = Pattern.compile("part-\\d{5,}-");

  private final Path destination;
  private final String jobId;
  private final boolean jobIdInFileNames;
  private final Pattern ownTaskFileName;
  private final Pattern ownTextFileName;

  /**
   * @param textExtension the extension of the job's text files, e.g. {@code .gz}, or empty
   */
  OutputLayout(Path destination, String jobId, boolean jobIdInFileNames, String textExtension) {
    this.destination = destination;
    this.jobId = jobId;
    this.jobIdInFileNames = jobIdInFileNames;
    this.ownTaskFileName =
        Pattern.compile("part-\\d{5,}-" + Pattern.quote(jobId) + "-c\\d{3,}(\\.[^/]*)?");
    // Only this job's own text extension: a general one would also match the files of a job whose
    // id extends this one's, e.g. part-00000-run.1.2 of job run.1.2 for job run.1.
    this.ownTextFileName =
        Pattern.compile(
            "part-\\d{5,}-"
                + Pattern.quote(jobId)
                + (textExtension.isEmpty() ? "" : "(" + Pattern.quote(textExtension) + ")?"));
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

  /** The text output file of an attempt, named as it will be published. */
  Path attemptFile(int partition, int attempt, String extension) {
    return new Path(attemptDir(partition, attempt), partFileName(partition) + extension);
  }

  Path claimFile(int partition) {
    return new Path(new Path(jobDir(), "claims"), String.format("part-%05d", partition));
  }

  Path committedDir() {
    return new Path(jobDir(), "committed");
  }

  /** Where the committed attempt's directory of a partition waits for job commit. */
  Path committedTaskDir(int partition) {
    return new Path(committedDir(), String.format("task-%05d", partition));
  }

  Path successMarker() {
    return new Path(destination, SUCCESS);
  }

  /** Where overwrite mode's job commit moves the destination's old contents. */
  Path previousDir() {
    return new Path(jobDir(), "_previous");
  }

  /** The list of the files job commit publishes, written before it publishes the first. */
  Path publishManifest() {
    return new Path(jobDir(), "_PUBLISHING");
  }

  /** Written once what the job replaces is moved aside, before the first file is published. */
  Path publishStartedMarker() {
    return new Path(jobDir(), "_PUBLISH_STARTED");
  }

  /** The name of a partition's text output file, e.g. {@code part-00003}. */
  String partFileName(int partition) {
    return partFileName(partition, jobId, jobIdInFileNames);
  }

  /** The name of a partition's text output file, with the job id appended if asked. */
  static String partFileName(int partition, String jobId, boolean withJobId) {
    String name = String.format("part-%05d", partition);
    return withJobId ? name + "-" + jobId : name;
  }

  /**
   * The name of the {@code index}-th file a task creates, e.g. {@code
   * part-00003-job-7-c001.parquet}: unique among the partitions of this job, and among jobs.
   */
  String taskFileName(int partition, int index, String extension) {
    return String.format("part-%05d-%s-c%03d%s", partition, jobId, index, extension);
  }

  /**
   * Whether a file name carries the id of a job that {@code jobIds} accepts, as the files of append
   * mode do, e.g. {@code part-00003-app_1-0} or {@code part-00003-app_1-0-c000.parquet}. Job ids
   * may hold {@code -} and {@code .}, so every prefix that ends before one of them is tried.
   */
  static boolean carriesJobId(String name, Predicate<String> jobIds) {
    java.util.regex.Matcher m = PART_PREFIX.matcher(name);
    if (!m.lookingAt()) {
      return false;
    }
    String rest = name.substring(m.end());
    for (int i = 1; i <= rest.length(); i++) {
      if ((i == rest.length() || rest.charAt(i) == '-' || rest.charAt(i) == '.')
          && jobIds.test(rest.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a file in the destination was published by this job (recognizable in append mode). */
  boolean isOwnPublishedFile(String name) {
    return jobIdInFileNames
        && (ownTextFileName.matcher(name).matches() || ownTaskFileName.matcher(name).matches());
  }
}
