package dev.weft.hdfs.output;

import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.UserPathException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
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
 * attempt is not reported as a failure. A caller whose driver authorizes the commit, and
 * re-authorizes another attempt only after the holder failed, uses {@link #commitAuthorizedTask}
 * instead: it takes over the claim of an attempt that died before its commit completed.
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

  /** The result of {@link #commitAuthorizedTask}. */
  public enum CommitOutcome {
    /** The calling attempt's output is now the partition's committed output. */
    COMMITTED,
    /**
     * An earlier attempt of the partition had already committed completely; its output stays the
     * partition's output and the caller discards its own attempt with {@link #abortTask}.
     */
    ALREADY_COMMITTED
  }

  private final String destination;
  private final String jobId;
  private final SaveMode mode;
  private final Map<String, String> hadoopConf;
  private final String textCodec;

  private transient Configuration conf;
  private transient FileSystem fs;
  private transient OutputFiles files;
  private transient OutputLayout layout;
  // Driver side only: the ids of dead jobs whose leftovers setup and job commit remove.
  private transient Predicate<String> abandoned;
  // Driver side only: what job commit moves aside and replaces, decided by setup.
  private transient JobCommit.Replacement replacement;

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
    String name = OutputLayout.partFileName(partition, jobId, jobIdInFileNames(mode));
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
    FileStatus existing = files().statusOrNull(dest);
    boolean replaceEarlier = false;
    if (existing != null && existing.isDirectory() && abandoned != null) {
      if (files.holdsNothing(dest)) {
        // What an earlier attempt's abort left while its tasks still ran: take it as absent.
        LOG.info("Output job {} takes over the empty destination {}", jobId, dest);
        existing = null;
      } else if (mode == SaveMode.ERROR_IF_EXISTS) {
        String owner = SuccessMarker.ownerOrNull(files, layout);
        replaceEarlier = owner != null && !owner.equals(jobId) && abandoned.test(owner);
        if (replaceEarlier) {
          LOG.info(
              "Output job {} replaces, at its job commit, the output of job {} of an earlier"
                  + " attempt in {}",
              jobId,
              owner,
              dest);
        }
      }
    }
    if (existing != null && mode == SaveMode.ERROR_IF_EXISTS && !replaceEarlier) {
      throw new UserPathException("Output path already exists: " + dest, dest.toString());
    }
    if (existing != null && !existing.isDirectory()) {
      throw new UserPathException(
          "Output path is a file, not a directory: " + dest, dest.toString());
    }
    files.mkdirs(layout.jobDir());
    if (existing == null) {
      files.touch(layout.destinationCreatedMarker());
    }
    if (mode == SaveMode.OVERWRITE || replaceEarlier) {
      replacement = JobCommit.Replacement.ALL;
    } else if (abandoned != null
        && (mode == SaveMode.APPEND || mode == SaveMode.OVERWRITE_PARTITIONS)) {
      Predicate<String> earlier = abandoned;
      Predicate<String> earlierFiles =
          name -> OutputLayout.carriesJobId(name, id -> !id.equals(jobId) && earlier.test(id));
      replacement =
          mode == SaveMode.APPEND
              ? JobCommit.Replacement.filesNamed(earlierFiles)
              : JobCommit.Replacement.PUBLISHED_DIRS.andFilesNamed(earlierFiles);
    } else if (mode == SaveMode.OVERWRITE_PARTITIONS) {
      replacement = JobCommit.Replacement.PUBLISHED_DIRS;
    } else {
      replacement = JobCommit.Replacement.NONE;
    }
    LOG.info("Output job {} set up in {} (mode {})", jobId, dest, mode);
  }

  /**
   * Like {@link #setup()}, for a job of a new attempt of an application whose earlier attempts
   * died: first finishes the unfinished jobs in the destination whose ids {@code abandoned}
   * accepts, the jobs of the earlier attempts, whose driver died before it committed or aborted
   * them. A job that died while its job commit published files is completed when every file it was
   * publishing is still there (so its destination holds its complete output and {@code _SUCCESS});
   * any other is aborted as its own {@link #abortJob()} would have done. Then this job takes the
   * place of their output, since the new attempt runs the same program again:
   *
   * <ul>
   *   <li>a destination that holds nothing (but an empty {@code _temporary}) counts as absent;
   *   <li>in {@link SaveMode#ERROR_IF_EXISTS}, a destination whose {@code _SUCCESS} names an
   *       earlier attempt's job as its owner is replaced at this job's commit, as an overwrite
   *       would;
   *   <li>in {@link SaveMode#APPEND} and {@link SaveMode#OVERWRITE_PARTITIONS}, the files the
   *       earlier attempts' jobs wrote are replaced at this job's commit.
   * </ul>
   *
   * A destination that holds anything else still fails {@link SaveMode#ERROR_IF_EXISTS}. {@link
   * #commitJob()} then deletes the abandoned jobs' temporary directories once more, in case a task
   * of theirs that was still running wrote after this setup.
   *
   * @param abandoned accepts the ids of dead jobs; this job's own id is never passed to it
   * @throws UserPathException as {@link #setup()}
   * @throws IOException if an abandoned job can be neither completed nor aborted, naming it
   */
  public void setup(Predicate<String> abandoned) throws IOException {
    this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
    for (String id : abandonedJobIds()) {
      OutputJob dead = new OutputJob(destination, id, mode, hadoopConf);
      try {
        dead.finishAbandoned(jobId);
      } catch (IOException e) {
        throw new IOException(
            "Cannot finish abandoned output job " + id + " in " + destination + ": " + e, e);
      }
    }
    setup();
  }

  /** Completes this dead job's half-done job commit if it can, else aborts the job. */
  private void finishAbandoned(String by) throws IOException {
    JobCommit commit = jobCommit();
    JobCommit.Progress progress = commit.progress();
    if (progress == JobCommit.Progress.PUBLISHING && commit.completable()) {
      LOG.info("Output job {} completes the job commit of abandoned job {}", by, jobId);
      commit.complete();
      removeJobDir();
    } else {
      LOG.info(
          "Output job {} aborts abandoned job {} in {} (its commit: {})",
          by,
          jobId,
          layout.destination(),
          progress);
      abortJob();
    }
  }

  /** The ids of the abandoned jobs with a directory in the destination's temporary directory. */
  private List<String> abandonedJobIds() throws IOException {
    List<String> ids = new ArrayList<>();
    if (abandoned == null) {
      return ids;
    }
    for (FileStatus s : files().listOrEmpty(layout.temporaryRoot())) {
      String id = s.getPath().getName();
      if (s.isDirectory() && !id.equals(jobId) && abandoned.test(id)) {
        ids.add(id);
      }
    }
    return ids;
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
    files.mkdirs(layout.attemptDir(partition, attempt));
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
    return commitTask(partition, attempt, new CommitLocks());
  }

  /**
   * {@link #commitTask(int, int)} for attempts that run as threads of one process: those that share
   * {@code locks} commit one at a time, which the local file system needs (its exclusive create is
   * not atomic).
   */
  public boolean commitTask(int partition, int attempt, CommitLocks locks) throws IOException {
    checkTask(partition, attempt);
    return taskCommits(locks).commitTask(partition, attempt);
  }

  /**
   * Commits a task attempt that the driver authorized to commit, for callers with a driver that
   * authorizes one attempt per partition and re-authorizes another only after the previous holder
   * failed. Unlike {@link #commitTask}, a claim left by an earlier attempt that died before its
   * commit completed (or whose claim could not be written) does not block the partition forever:
   * this attempt takes the claim over and commits. If the partition's committed output already
   * exists, the earlier attempt completed its commit before it failed, and its output is kept.
   * Calling it again for the attempt that committed returns {@link CommitOutcome#COMMITTED}.
   *
   * @return {@link CommitOutcome#COMMITTED} if this attempt's output is now the partition's
   *     committed output, {@link CommitOutcome#ALREADY_COMMITTED} if another attempt's already was
   *     (discard this attempt's output with {@link #abortTask})
   * @throws IOException if the attempt never opened its output or its directory cannot be moved
   */
  public CommitOutcome commitAuthorizedTask(int partition, int attempt) throws IOException {
    return commitAuthorizedTask(partition, attempt, new CommitLocks());
  }

  /**
   * {@link #commitAuthorizedTask(int, int)} for attempts that run as threads of one process: those
   * that share {@code locks} commit one at a time, which the local file system needs.
   */
  public CommitOutcome commitAuthorizedTask(int partition, int attempt, CommitLocks locks)
      throws IOException {
    checkTask(partition, attempt);
    return taskCommits(locks).commitAuthorizedTask(partition, attempt);
  }

  /** Discards a task attempt's output. Harmless if it wrote nothing. */
  public void abortTask(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    fs().delete(layout().attemptDir(partition, attempt), true);
  }

  /**
   * Publishes the committed files of every partition into the destination, under their paths
   * relative to the attempt directory, writes {@code _SUCCESS} and removes the job's temporary
   * directory. In {@link SaveMode#OVERWRITE} mode the destination's previous contents are first
   * moved aside into the job's temporary directory and deleted only once every file is published,
   * so that {@link #abortJob()} after a failed job commit can restore them; in {@link
   * SaveMode#OVERWRITE_PARTITIONS} mode, likewise only the directories it publishes files into.
   *
   * <p>The commit is a sequence of steps recorded in the job's temporary directory: the list of the
   * files to publish, then the move aside, then the publishing, {@code _SUCCESS} strictly last. A
   * retried job commit continues where the failed one stopped; an abort rolls back a commit that
   * has not published every file and completes one that has; a new application attempt ({@link
   * #setup(Predicate)}) completes one that was publishing when its driver died. So the destination
   * never holds part of the output, nor {@code _SUCCESS} without it. A failure to remove the
   * temporary directory after {@code _SUCCESS} is logged, not thrown: the output is committed.
   *
   * @throws IOException if a file to publish already exists in the destination, naming it, or the
   *     job is not set up or already finished
   */
  public void commitJob() throws IOException {
    checkSetUp();
    boolean owns =
        mode == SaveMode.OVERWRITE
            || replacement().all()
            || files.exists(layout.destinationCreatedMarker());
    jobCommit().commit(replacement(), owns);
    try {
      for (String id : abandonedJobIds()) {
        // Written by a task of a dead job after setup finished it: nothing of it is published.
        files.delete(new Path(layout.temporaryRoot(), id));
      }
      removeJobDir();
    } catch (IOException e) {
      LOG.warn(
          "Output job {} is committed, but its temporary files in {} could not be removed: {}",
          jobId,
          layout.temporaryRoot(),
          e.toString());
    }
  }

  /**
   * Like {@link #commitJob()}, after checking that partitions {@code 0 .. partitions-1} all
   * committed, so a job cannot publish with a partition missing.
   *
   * @throws IOException naming the first partition without committed output
   */
  public void commitJob(int partitions) throws IOException {
    if (PublishManifest.readOrNull(files(), layout) == null) {
      for (int p = 0; p < partitions; p++) {
        if (!files.exists(layout.committedTaskDir(p))) {
          throw new IOException(
              "Cannot commit output job "
                  + jobId
                  + ": partition "
                  + p
                  + " has no committed output");
        }
      }
    }
    commitJob();
  }

  /**
   * Removes the job's temporary files and leaves the destination as it was before the job: files
   * this job already published (by a job commit that failed part-way) are deleted, the previous
   * contents that an overwrite moved aside are moved back, and a destination the job created is
   * removed if nothing but this job's files was in it. Files this job did not publish, such as
   * another job's output and {@code _SUCCESS}, are never deleted. Harmless if the job was never set
   * up or already aborted.
   *
   * <p>A job commit that failed after it published every file can no longer be rolled back (the
   * previous contents may be gone): the abort then completes it, writing {@code _SUCCESS}, and says
   * so in a warning.
   *
   * @throws IOException if previous contents cannot be moved back; they then stay in the job's
   *     temporary directory, which is kept
   */
  public void abortJob() throws IOException {
    Path dest = layout().destination();
    JobCommit commit = jobCommit();
    if (commit.progress() == JobCommit.Progress.PUBLISHED) {
      LOG.warn(
          "Output job {} published every file before its commit failed: completing the commit"
              + " instead of aborting it",
          jobId);
      commit.complete();
      removeJobDir();
      return;
    }
    boolean createdDestination = files.exists(layout.destinationCreatedMarker());
    if (files.exists(layout.jobDir())) {
      commit.removePublished();
      commit.restorePrevious();
    }
    removeJobDir();
    if (createdDestination) {
      if (files.exists(layout.temporaryRoot())) {
        LOG.warn("Leaving {} in place: another job is writing into it", dest);
      } else if (files.exists(dest) && files.listOrEmpty(dest).length == 0) {
        files.delete(dest);
      } else if (files.exists(dest)) {
        LOG.warn("Leaving {} in place: it holds output that job {} did not publish", dest, jobId);
      }
    } else if (mode == SaveMode.APPEND && files.exists(dest)) {
      jobCommit().removeFilesNamed(dest, layout::isOwnPublishedFile);
    }
    LOG.info("Output job {} aborted; {} left as before", jobId, dest);
  }

  /** Deletes the job's directory, and {@code _temporary} too unless other jobs still use it. */
  private void removeJobDir() throws IOException {
    if (!files().delete(layout.jobDir())) {
      return; // never set up, or already cleaned: _temporary is not this job's to touch
    }
    Path root = layout.temporaryRoot();
    if (files.exists(root) && files.listOrEmpty(root).length == 0) {
      files.fs().delete(root, false);
    }
  }

  private JobCommit.Replacement replacement() {
    if (replacement == null) { // not set up by this instance: what the mode replaces
      replacement =
          switch (mode) {
            case OVERWRITE -> JobCommit.Replacement.ALL;
            case OVERWRITE_PARTITIONS -> JobCommit.Replacement.PUBLISHED_DIRS;
            default -> JobCommit.Replacement.NONE;
          };
    }
    return replacement;
  }

  private JobCommit jobCommit() throws IOException {
    return new JobCommit(files(), layout, jobId);
  }

  private TaskCommits taskCommits(CommitLocks locks) throws IOException {
    return new TaskCommits(files(), layout, destination, jobId, locks);
  }

  /** Whether the job's text files carry its id, so they go beside those already there. */
  private static boolean jobIdInFileNames(SaveMode mode) {
    return mode == SaveMode.APPEND || mode == SaveMode.OVERWRITE_PARTITIONS;
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
      String textExtension = textCodec == null ? "" : codec().getDefaultExtension();
      layout =
          new OutputLayout(
              fileSystem.makeQualified(dest), jobId, jobIdInFileNames(mode), textExtension);
      files = new OutputFiles(fileSystem, jobId);
      fs = fileSystem;
    }
    return fs;
  }

  private OutputLayout layout() throws IOException {
    fs();
    return layout;
  }

  private OutputFiles files() throws IOException {
    fs();
    return files;
  }
}
