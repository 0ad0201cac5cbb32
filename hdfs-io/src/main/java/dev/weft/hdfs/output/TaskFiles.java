package dev.weft.hdfs.output;

import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Names the files one task attempt writes with a format writer (Avro, Parquet, ...): each {@link
 * #newFile} is a fresh path in the attempt's own directory, optionally under a relative
 * sub-directory such as {@code country=DE} for partitioned output. The attempt creates and closes
 * the files itself through {@link #fileSystem()}; {@link OutputJob#commitTask} then commits every
 * file of the attempt directory at once, and {@link OutputJob#commitJob} publishes them into the
 * destination under the same relative paths.
 *
 * <p>File names are {@code part-<partition>-<jobId>-c<index><extension>}, e.g. {@code
 * part-00003-job-7-c000.parquet}, so they never clash across partitions or jobs; use one {@code
 * TaskFiles} per attempt, since the index counts the files it named. Not thread-safe.
 *
 * <pre>{@code
 * TaskFiles files = job.taskFiles(partition, attempt);
 * Path de = files.newFile("country=DE", ".parquet");
 * try (ParquetWriter<GenericRecord> writer = ... HadoopOutputFile.fromPath(de, conf) ...) { ... }
 * job.commitTask(partition, attempt);
 * }</pre>
 */
public final class TaskFiles {
  private static final Pattern EXTENSION = Pattern.compile("(\\.[A-Za-z0-9_.-]+)?");

  private final FileSystem fs;
  private final OutputLayout layout;
  private final int partition;
  private final int attempt;
  private int nextIndex;

  TaskFiles(FileSystem fs, OutputLayout layout, int partition, int attempt) {
    this.fs = fs;
    this.layout = layout;
    this.partition = partition;
    this.attempt = attempt;
  }

  /** The file system the files are on, to create them with. Shared: do not close it. */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The attempt's own directory, which holds all its files until it commits. */
  public Path directory() {
    return layout.attemptDir(partition, attempt);
  }

  /** The partition this attempt writes. */
  public int partition() {
    return partition;
  }

  /** The attempt number. */
  public int attempt() {
    return attempt;
  }

  /**
   * A new file directly in the attempt directory, e.g. {@code part-00003-job-7-c000.avro}.
   *
   * @param extension empty, or a dot followed by letters, digits, {@code _ . -}, e.g. {@code
   *     .parquet}
   */
  public Path newFile(String extension) {
    return newFile("", extension);
  }

  /**
   * A new file under {@code subDirectory} of the attempt directory, e.g. {@code
   * country=DE/part-00003-job-7-c001.parquet}. The file does not exist yet; the caller creates it
   * (the file system creates missing parent directories).
   *
   * @param subDirectory a relative path of one or more components separated by {@code /}, or empty;
   *     no component may be empty, {@code .}, {@code ..}, or start with {@code _} or {@code .}
   *     (readers skip such names)
   * @param extension empty, or a dot followed by letters, digits, {@code _ . -}
   * @throws IllegalArgumentException if {@code subDirectory} or {@code extension} is not allowed
   */
  public Path newFile(String subDirectory, String extension) {
    checkSubDirectory(subDirectory);
    if (!EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException(
          "File extension must be empty or '.' followed by letters, digits, '_', '.' or '-': '"
              + extension
              + "'");
    }
    Path dir = subDirectory.isEmpty() ? directory() : new Path(directory(), subDirectory);
    return new Path(dir, layout.taskFileName(partition, nextIndex++, extension));
  }

  private static void checkSubDirectory(String subDirectory) {
    if (subDirectory.isEmpty()) {
      return;
    }
    for (String component : subDirectory.split("/", -1)) {
      if (component.isEmpty()
          || component.startsWith(".")
          || component.startsWith("_")
          || component.contains(":")) {
        throw new IllegalArgumentException(
            "Output sub-directory must be a relative path of visible names: '"
                + subDirectory
                + "'");
      }
    }
  }
}
