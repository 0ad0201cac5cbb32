package dev.weft.hdfs.output;

import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.UserPathException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The commit protocol of one job's file output: every partition's file appears in the destination
 * exactly once, and only when the whole job commits.
 *
 * <p>The driver calls {@link #setup()} before any task runs, then {@link #commitJob()} after every
 * partition committed, or {@link #abortJob()} if the job fails. The handle is serializable and
 * carries no open resources, so the driver ships it to executors, where each task attempt writes
 * into a directory of its own and then calls {@link #commitTask} (or {@link #abortTask}). An
 * attempt writes text through {@link #openTask} and its {@link TaskOutput}, or any files of its own
 * (Avro, Parquet, several per task, in sub-directories for partitioned output) at the paths that
 * {@link #taskFiles} names. Task commit takes the attempt's whole directory; job commit publishes
 * every committed file into the destination under its relative path, then writes {@code _SUCCESS}.
 *
 * <p>Of all the attempts of a partition, only the first to call {@code commitTask} commits; the
 * others are refused. The file system enforces this by an exclusive create of a per-partition claim
 * file, which is atomic on HDFS; for file systems where it is not (the local one) a lock in the JVM
 * serializes commits of the same job. The driver should still authorize commits, so that a refused
 * attempt is not reported as a failure.
 *
 * <pre>{@code
 * // driver
 * OutputJob job = new OutputJob("hdfs:///out/counts", "job-7", SaveMode.ERROR_IF_EXISTS, overrides);
 * job.setup();
 * // ... run the tasks, then:
 * job.commitJob(); // or job.abortJob() on failure
 *
 * // task attempt on an executor
 * try (TaskOutput out = job.openTask(partition, attempt)) {
 *   for (String line : lines) out.writeLine(line);
 * }
 * if (!job.commitTask(partition, attempt)) { ... another attempt committed: discard ... }
 *
 * // or, with a format writer and partitioned output
 * TaskFiles files = job.taskFiles(partition, attempt);
 * Path de = files.newFile("country=DE", ".parquet"); // create it on files.fileSystem()
 * job.commitTask(partition, attempt);
 * }</pre>
 */
public final class OutputJob implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(OutputJob.class);
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Object[] COMMIT_LOCKS = newLocks(64);

  private final String destination;
  private final String jobId;
  private final SaveMode mode;
  private final Map<String, String> hadoopConf;
  private final String textCodec;

  private transient Configuration conf;
  private transient FileSystem fs;
  private transient OutputLayout layout;

  /**
   * @param destination the output directory, as a URI or a path of the default file system
   * @param jobId an id unique among the jobs that write to {@code destination}: letters, digits,
   *     {@code _ . -}, starting with a letter or digit
   * @param mode what to do if the destination exists
   * @param hadoopConf Hadoop configuration overrides applied on top of the classpath's site files,
   *     on the driver and on executors alike
   */
  public OutputJob(
      String destination, String jobId, SaveMode mode, Map<String, String> hadoopConf) {
    this(destination, jobId, mode, HadoopConf.copyOverrides(hadoopConf), null);
  }

  private OutputJob(
      String destination,
      String jobId,
      SaveMode mode,
      Map<String, String> hadoopConf,
      String textCodec) {
    this.destination = Objects.requireNonNull(destination, "destination");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.hadoopConf = hadoopConf;
    this.textCodec = textCodec;
    if (destination.isEmpty()) {
      throw new IllegalArgumentException("Output destination must not be empty");
    }
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException(
          "Output job id must be letters, digits, '_', '.' or '-', starting with a letter or"
              + " digit: '"
              + jobId
              + "'");
    }
  }

  /** The destination directory as given. */
  public String destination() {
    return destination;
  }

  /** The job id. */
  public String jobId() {
    return jobId;
  }

  /** What the job does if the destination exists. */
  public SaveMode mode() {
    return mode;
  }

  /**
   * A copy of this job whose text output ({@link #openTask}) is compressed with the named codec,
   * e.g. {@code gzip}, {@code bzip2} or {@code zstd} (a name or class name that Hadoop's {@link
   * CompressionCodecFactory} knows); its files get the codec's extension, e.g. {@code
   * part-00003.gz}. Null means uncompressed.
   *
   * @throws IllegalArgumentException if no codec of that name is available
   */
  public OutputJob withTextCompression(String codecName) {
    if (codecName != null) {
      codecByName(HadoopConf.withOverrides(hadoopConf), codecName);
    }
    return new OutputJob(destination, jobId, mode, hadoopConf, codecName);
  }

  /**
   * The name of a partition's text file in the destination, e.g. {@code part-00003}, or {@code
   * part-00003.gz} when compressed.
   */
  public String partFileName(int partition) {
    String name = OutputLayout.partFileName(partition, jobId, mode == SaveMode.APPEND);
    return textCodec == null ? name : name + codec().getDefaultExtension();
  }

  /**
   * Prepares the job on the driver: checks the destination against the save mode and creates the
   * job's temporary directory.
   *
   * @throws UserPathException if the destination exists and the mode is {@link
   *     SaveMode#ERROR_IF_EXISTS}, or the destination is a file and the job must write into it
   */
  public void setup() throws IOException {
    Path dest = layout().destination();
    FileStatus existing = statusOrNull(dest);
    if (existing != null && mode == SaveMode.ERROR_IF_EXISTS) {
      throw new UserPathException("Output path already exists: " + dest, dest.toString());
    }
    if (existing != null && !existing.isDirectory()) {
      throw new UserPathException(
          "Output path is a file, not a directory: " + dest, dest.toString());
    }
    mkdirs(layout.jobDir());
    if (existing == null) {
      fs().create(layout.destinationCreatedMarker(), false).close();
    }
    LOG.info("Output job {} set up in {} (mode {})", jobId, dest, mode);
  }

  /**
   * Opens the text output of one task attempt, in a temporary file of its own.
   *
   * @throws IOException if the job is not set up or is already finished
   */
  public TaskOutput openTask(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    checkSetUp();
    CompressionCodec codec = textCodec == null ? null : codec();
    String extension = codec == null ? "" : codec.getDefaultExtension();
    Path file = layout.attemptFile(partition, attempt, extension);
    FSDataOutputStream out = fs().create(file, true);
    if (codec == null) {
      return new TaskOutput(out, partition, attempt, file.toString(), () -> {});
    }
    Compressor compressor = CodecPool.getCompressor(codec);
    try {
      return new TaskOutput(
          codec.createOutputStream(out, compressor),
          partition,
          attempt,
          file.toString(),
          () -> CodecPool.returnCompressor(compressor));
    } catch (IOException | RuntimeException e) {
      CodecPool.returnCompressor(compressor);
      out.close();
      throw e;
    }
  }

  /**
   * The files of one task attempt written by a format writer: {@link TaskFiles#newFile} names new
   * files in the attempt's own directory, optionally under a sub-directory for partitioned output.
   * Creates the attempt directory, so an attempt that writes no file still commits (empty).
   *
   * @throws IOException if the job is not set up or is already finished
   */
  public TaskFiles taskFiles(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    checkSetUp();
    mkdirs(layout.attemptDir(partition, attempt));
    return new TaskFiles(fs(), layout, partition, attempt);
  }

  private void checkSetUp() throws IOException {
    if (!fs().exists(layout().jobDir())) {
      throw new IOException(
          "Output job "
              + jobId
              + " is not set up or already finished: "
              + layout.jobDir()
              + " does not exist");
    }
  }

  /**
   * Commits a task attempt's closed output, all files of its directory, unless another attempt of
   * the partition committed. Calling it again for the attempt that committed returns true.
   *
   * @return true if this attempt's output is the partition's committed output, false if another
   *     attempt's is
   * @throws IOException if the attempt never opened its output or its directory cannot be moved
   */
  public boolean commitTask(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    Path attemptDir = layout().attemptDir(partition, attempt);
    Path committed = layout.committedTaskDir(partition);
    synchronized (COMMIT_LOCKS[Math.floorMod(Objects.hash(destination, jobId, partition), 64)]) {
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
      if (fs().exists(committed)) {
        return true;
      }
      if (!fs().exists(attemptDir)) {
        throw new FileNotFoundException(
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
      mkdirs(layout.committedDir());
      rename(attemptDir, committed);
    }
    LOG.debug("Committed partition {} attempt {} of job {}", partition, attempt, jobId);
    return true;
  }

  /** Discards a task attempt's output. Harmless if it wrote nothing. */
  public void abortTask(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    fs().delete(layout().attemptDir(partition, attempt), true);
  }

  /**
   * Publishes the committed files of every partition into the destination, under their paths
   * relative to the attempt directory, writes an empty {@code _SUCCESS} and removes the job's
   * temporary directory. In {@link SaveMode#OVERWRITE} mode the destination's previous contents are
   * removed first. A retried job commit publishes what the failed one left.
   *
   * @throws IOException if a file to publish already exists in the destination, naming it
   */
  public void commitJob() throws IOException {
    Path dest = layout().destination();
    FileStatus[] committed =
        fs().exists(layout.committedDir())
            ? fs().listStatus(layout.committedDir())
            : new FileStatus[0];
    // The marker keeps a retried job commit from deleting the files the first try published.
    if (mode == SaveMode.OVERWRITE && !fs().exists(layout.overwriteStartedMarker())) {
      removePreviousContents(dest);
      fs().create(layout.overwriteStartedMarker(), false).close();
    }
    int published = 0;
    for (FileStatus taskDir : committed) {
      published += publish(taskDir.getPath(), dest);
    }
    fs().create(layout.successMarker(), true).close();
    removeJobDir();
    LOG.info("Output job {} committed {} files to {}", jobId, published, dest);
  }

  /** Moves every file under {@code from} to the same relative path under {@code to}. */
  private int publish(Path from, Path to) throws IOException {
    int files = 0;
    for (FileStatus entry : fs().listStatus(from)) {
      Path target = new Path(to, entry.getPath().getName());
      if (entry.isDirectory()) {
        FileStatus existing = statusOrNull(target);
        if (existing == null) {
          mkdirs(target);
        } else if (!existing.isDirectory()) {
          throw new IOException(
              "Cannot publish "
                  + entry.getPath()
                  + " of job "
                  + jobId
                  + ": "
                  + target
                  + " is a file");
        }
        files += publish(entry.getPath(), target);
      } else {
        if (fs().exists(target)) {
          throw new IOException(
              "Cannot publish " + entry.getPath() + " of job " + jobId + ": " + target + " exists");
        }
        rename(entry.getPath(), target);
        files++;
      }
    }
    return files;
  }

  /**
   * Like {@link #commitJob()}, after checking that partitions {@code 0 .. partitions-1} all
   * committed, so a job cannot publish with a partition missing.
   *
   * @throws IOException naming the first partition without committed output
   */
  public void commitJob(int partitions) throws IOException {
    for (int p = 0; p < partitions; p++) {
      if (!fs().exists(layout().committedTaskDir(p))) {
        throw new IOException(
            "Cannot commit output job " + jobId + ": partition " + p + " has no committed output");
      }
    }
    commitJob();
  }

  /**
   * Removes the job's temporary files and leaves the destination as it was before the job: a
   * destination the job created is removed, and files this job already published in append mode are
   * deleted. Harmless if the job was never set up or already aborted.
   */
  public void abortJob() throws IOException {
    Path dest = layout().destination();
    boolean createdDestination = fs().exists(layout.destinationCreatedMarker());
    removeJobDir();
    if (createdDestination) {
      if (fs().exists(layout.temporaryRoot())) {
        LOG.warn("Leaving {} in place: another job is writing into it", dest);
      } else {
        fs().delete(dest, true);
      }
    } else if (mode == SaveMode.APPEND && fs().exists(dest)) {
      removeOwnPublishedFiles(dest);
    }
    LOG.info("Output job {} aborted; {} left as before", jobId, dest);
  }

  /**
   * Claims the partition for {@code attempt} by creating its claim file exclusively.
   *
   * @return the attempt that holds the claim, or -1 if another attempt holds it and has not yet
   *     written its number
   */
  private int claim(int partition, int attempt) throws IOException {
    Path claim = layout().claimFile(partition);
    try (FSDataOutputStream out = fs().create(claim, false)) {
      out.write(Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
      return attempt;
    } catch (IOException e) {
      // Already exists, or being created by another attempt right now (HDFS lease); anything else
      // is a real failure.
      if (!fs().exists(claim)) {
        throw e;
      }
    }
    try (FSDataInputStream in = fs().open(claim)) {
      return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Deletes the files this job published under {@code dir} (append mode), and the directories that
   * this leaves empty. Returns whether {@code dir} is now empty.
   */
  private boolean removeOwnPublishedFiles(Path dir) throws IOException {
    boolean empty = true;
    boolean removedAny = false;
    for (FileStatus entry : fs().listStatus(dir)) {
      String name = entry.getPath().getName();
      if (entry.isDirectory()) {
        if (!name.equals(OutputLayout.TEMPORARY)
            && removeOwnPublishedFiles(entry.getPath())
            && fs().delete(entry.getPath(), false)) {
          removedAny = true;
        } else {
          empty = false;
        }
      } else if (layout.isOwnPublishedFile(name)) {
        fs().delete(entry.getPath(), false);
        removedAny = true;
      } else {
        empty = false;
      }
    }
    return empty && removedAny;
  }

  private void removePreviousContents(Path dest) throws IOException {
    for (FileStatus entry : fs().listStatus(dest)) {
      if (!entry.getPath().getName().equals(OutputLayout.TEMPORARY)
          && !fs().delete(entry.getPath(), true)) {
        throw new IOException("Could not delete " + entry.getPath() + " to overwrite " + dest);
      }
    }
  }

  /** Deletes the job's directory, and {@code _temporary} too unless other jobs still use it. */
  private void removeJobDir() throws IOException {
    if (!fs().delete(layout().jobDir(), true)) {
      return; // never set up, or already cleaned: _temporary is not this job's to touch
    }
    Path root = layout.temporaryRoot();
    FileStatus[] others = fs().exists(root) ? fs().listStatus(root) : null;
    if (others != null && others.length == 0) {
      fs().delete(root, false);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs().rename(from, to)) {
      throw new IOException("Could not move " + from + " to " + to + " for output job " + jobId);
    }
  }

  private void mkdirs(Path dir) throws IOException {
    if (!fs().mkdirs(dir)) {
      throw new IOException("Could not create directory " + dir + " for output job " + jobId);
    }
  }

  private FileStatus statusOrNull(Path path) throws IOException {
    try {
      return fs().getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static void checkTask(int partition, int attempt) {
    if (partition < 0 || attempt < 0) {
      throw new IllegalArgumentException(
          "Partition and attempt must not be negative: partition "
              + partition
              + " attempt "
              + attempt);
    }
  }

  private CompressionCodec codec() {
    return codecByName(conf(), textCodec);
  }

  private Configuration conf() {
    if (conf == null) {
      conf = HadoopConf.withOverrides(hadoopConf);
    }
    return conf;
  }

  private static CompressionCodec codecByName(Configuration conf, String name) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodecByName(name);
    if (codec == null) {
      throw new IllegalArgumentException("Unknown compression codec for text output: " + name);
    }
    return codec;
  }

  private FileSystem fs() throws IOException {
    if (fs == null) {
      Path dest = new Path(destination);
      FileSystem fileSystem = dest.getFileSystem(conf());
      layout = new OutputLayout(fileSystem.makeQualified(dest), jobId, mode == SaveMode.APPEND);
      fs = fileSystem;
    }
    return fs;
  }

  private OutputLayout layout() throws IOException {
    fs();
    return layout;
  }

  private static Object[] newLocks(int count) {
    Object[] locks = new Object[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new Object();
    }
    return locks;
  }
}
