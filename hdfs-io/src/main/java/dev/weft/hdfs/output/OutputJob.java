package dev.weft.hdfs.output;

import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.UserPathException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
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
  private static final Object[] COMMIT_LOCKS = newLocks(64);

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
  private transient OutputLayout layout;
  // Driver side only: the ids of dead jobs whose leftovers setup and job commit remove.
  private transient Predicate<String> abandoned;

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
   * Like {@link #setup()}, after aborting the unfinished jobs in the destination whose ids {@code
   * abandoned} accepts: jobs whose driver died before it committed or aborted them, such as the
   * jobs of an earlier attempt of a restarted application. Each is aborted as its own {@link
   * #abortJob()} would have done: its temporary files are deleted, files a partial job commit
   * published are removed, contents an overwrite moved aside are restored, and a destination it
   * created is removed if nothing else is in it. So a destination that such a job left behind
   * holding only its temporary files does not fail {@link SaveMode#ERROR_IF_EXISTS}, while a
   * destination that holds anything else still does. {@link #commitJob()} then deletes their
   * temporary directories once more, in case a task of theirs that was still running wrote after
   * this setup.
   *
   * @param abandoned accepts the ids of dead jobs; this job's own id is never passed to it
   * @throws UserPathException as {@link #setup()}
   * @throws IOException if an abandoned job cannot be aborted, naming it
   */
  public void setup(Predicate<String> abandoned) throws IOException {
    this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
    for (String id : abandonedJobIds()) {
      LOG.info("Output job {} aborts abandoned job {} in {}", jobId, id, layout.destination());
      OutputJob dead = new OutputJob(destination, id, mode, hadoopConf);
      try {
        dead.abortJob();
      } catch (IOException e) {
        throw new IOException(
            "Cannot abort abandoned output job " + id + " in " + destination + ": " + e, e);
      }
    }
    setup();
  }

  /** The ids of the abandoned jobs with a directory in the destination's temporary directory. */
  private List<String> abandonedJobIds() throws IOException {
    List<String> ids = new ArrayList<>();
    Path root = layout().temporaryRoot();
    if (abandoned == null || !fs().exists(root)) {
      return ids;
    }
    for (FileStatus s : fs().listStatus(root)) {
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
        throw noOutput(partition, attempt, attemptDir);
      }
      mkdirs(layout.committedDir());
      rename(attemptDir, committed);
    }
    LOG.debug("Committed partition {} attempt {} of job {}", partition, attempt, jobId);
    return true;
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
    checkTask(partition, attempt);
    Path attemptDir = layout().attemptDir(partition, attempt);
    Path committed = layout.committedTaskDir(partition);
    Path claim = layout.claimFile(partition);
    synchronized (COMMIT_LOCKS[Math.floorMod(Objects.hash(destination, jobId, partition), 64)]) {
      // A directory rename is atomic, so a committed directory that exists is complete.
      if (fs().exists(committed)) {
        return claimOwner(claim) == attempt
            ? CommitOutcome.COMMITTED
            : alreadyCommitted(partition, attempt);
      }
      if (!fs().exists(attemptDir)) {
        throw noOutput(partition, attempt, attemptDir);
      }
      int previous = fs().exists(claim) ? claimOwner(claim) : attempt;
      try (FSDataOutputStream out = fs().create(claim, true)) {
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
      mkdirs(layout.committedDir());
      if (!fs().rename(attemptDir, committed)) {
        if (fs().exists(committed) && !fs().exists(new Path(committed, attemptDir.getName()))) {
          // The failed holder was still alive and completed its commit first.
          return alreadyCommitted(partition, attempt);
        }
        throw new IOException(
            "Could not move " + attemptDir + " to " + committed + " for output job " + jobId);
      }
      Path nested = new Path(committed, attemptDir.getName());
      if (fs().exists(nested)) {
        // The failed holder committed between the check and the rename, in another JVM, and the
        // file system (HDFS) moved this attempt's directory into its committed one: undo that.
        rename(nested, attemptDir);
        return alreadyCommitted(partition, attempt);
      }
    }
    LOG.debug("Committed authorized partition {} attempt {} of job {}", partition, attempt, jobId);
    return CommitOutcome.COMMITTED;
  }

  private CommitOutcome alreadyCommitted(int partition, int attempt) {
    LOG.info(
        "Partition {} of job {} was already committed by an earlier attempt; attempt {} discards"
            + " its output",
        partition,
        jobId,
        attempt);
    return CommitOutcome.ALREADY_COMMITTED;
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

  /** Discards a task attempt's output. Harmless if it wrote nothing. */
  public void abortTask(int partition, int attempt) throws IOException {
    checkTask(partition, attempt);
    fs().delete(layout().attemptDir(partition, attempt), true);
  }

  /**
   * Publishes the committed files of every partition into the destination, under their paths
   * relative to the attempt directory, writes an empty {@code _SUCCESS} and removes the job's
   * temporary directory. In {@link SaveMode#OVERWRITE} mode the destination's previous contents are
   * first moved aside into the job's temporary directory and deleted only once {@code _SUCCESS} is
   * written, so that {@link #abortJob()} after a failed job commit can restore them. A retried job
   * commit publishes what the failed one left.
   *
   * @throws IOException if a file to publish already exists in the destination, naming it
   */
  public void commitJob() throws IOException {
    Path dest = layout().destination();
    FileStatus[] committed =
        fs().exists(layout.committedDir())
            ? fs().listStatus(layout.committedDir())
            : new FileStatus[0];
    writePublishManifest(committed);
    // The marker keeps a retried job commit from moving aside the files the first try published.
    if (mode == SaveMode.OVERWRITE && !fs().exists(layout.overwriteStartedMarker())) {
      movePreviousContentsAside(dest);
      fs().create(layout.overwriteStartedMarker(), false).close();
    }
    int published = 0;
    for (FileStatus taskDir : committed) {
      published += publish(taskDir.getPath(), dest);
    }
    fs().create(layout.successMarker(), true).close();
    for (String id : abandonedJobIds()) {
      // Written by a task of a dead job after setup aborted it: nothing of it was published.
      fs().delete(new Path(layout.temporaryRoot(), id), true);
    }
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
   * Removes the job's temporary files and leaves the destination as it was before the job: files
   * this job already published (by a job commit that failed part-way) are deleted, the previous
   * contents that an overwrite moved aside are moved back, and a destination the job created is
   * removed if nothing but this job's files was in it. Files this job did not publish, such as
   * another job's output and {@code _SUCCESS}, are never deleted. Harmless if the job was never set
   * up or already aborted.
   *
   * @throws IOException if previous contents cannot be moved back; they then stay in the job's
   *     temporary directory, which is kept
   */
  public void abortJob() throws IOException {
    Path dest = layout().destination();
    boolean createdDestination = fs().exists(layout.destinationCreatedMarker());
    if (fs().exists(layout.jobDir())) {
      removeManifestFiles(dest);
      restorePreviousContents(dest);
    }
    removeJobDir();
    if (createdDestination) {
      if (fs().exists(layout.temporaryRoot())) {
        LOG.warn("Leaving {} in place: another job is writing into it", dest);
      } else if (fs().exists(dest) && fs().listStatus(dest).length == 0) {
        fs().delete(dest, true);
      } else if (fs().exists(dest)) {
        LOG.warn("Leaving {} in place: it holds output that job {} did not publish", dest, jobId);
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
    return claimOwner(claim);
  }

  /** The attempt written in an existing claim file, or -1 if its content is missing or invalid. */
  private int claimOwner(Path claim) throws IOException {
    try (FSDataInputStream in = fs().open(claim)) {
      return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return -1;
    } catch (FileNotFoundException e) {
      return -1;
    }
  }

  /**
   * Records every committed file, as {@code task-00003/relative/path}, in the job's publish
   * manifest (adding to what an earlier try recorded) before any is published. A listed file whose
   * committed copy is gone was published by this job, which is how an abort knows what to delete.
   */
  private void writePublishManifest(FileStatus[] committed) throws IOException {
    Path manifest = layout.publishManifest();
    Set<String> entries = new LinkedHashSet<>();
    if (fs().exists(manifest)) {
      entries.addAll(readManifest(manifest));
    }
    int before = entries.size();
    for (FileStatus taskDir : committed) {
      listFiles(taskDir.getPath(), taskDir.getPath().getName(), entries);
    }
    if (entries.size() == before && fs().exists(manifest)) {
      return;
    }
    Path tmp = manifest.suffix(".tmp");
    try (FSDataOutputStream out = fs().create(tmp, true)) {
      for (String entry : entries) {
        out.write((entry + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    fs().delete(manifest, false);
    rename(tmp, manifest);
  }

  private void listFiles(Path dir, String relative, Set<String> into) throws IOException {
    for (FileStatus entry : fs().listStatus(dir)) {
      String child = relative + "/" + entry.getPath().getName();
      if (entry.isDirectory()) {
        listFiles(entry.getPath(), child, into);
      } else {
        into.add(child);
      }
    }
  }

  private List<String> readManifest(Path manifest) throws IOException {
    List<String> entries = new ArrayList<>();
    try (FSDataInputStream in = fs().open(manifest)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          entries.add(line);
        }
      }
    }
    return entries;
  }

  /**
   * Deletes the files of the publish manifest that this job published into {@code dest}, those
   * whose committed copy is gone, and the directories this leaves empty below {@code dest}.
   */
  private void removeManifestFiles(Path dest) throws IOException {
    Path manifest = layout.publishManifest();
    if (!fs().exists(manifest)) {
      return;
    }
    int removed = 0;
    for (String entry : readManifest(manifest)) {
      int slash = entry.indexOf('/');
      if (slash < 0 || fs().exists(new Path(layout.committedDir(), entry))) {
        continue; // not published
      }
      Path published = new Path(dest, entry.substring(slash + 1));
      FileStatus status = statusOrNull(published);
      if (status == null || status.isDirectory()) {
        continue;
      }
      if (!fs().delete(published, false)) {
        throw new IOException("Could not delete " + published + " to abort output job " + jobId);
      }
      removed++;
      for (Path parent = published.getParent();
          parent != null && !parent.equals(dest) && parent.depth() > dest.depth();
          parent = parent.getParent()) {
        FileStatus[] left = fs().listStatus(parent);
        if (left.length > 0 || !fs().delete(parent, false)) {
          break;
        }
      }
    }
    if (removed > 0) {
      LOG.info(
          "Output job {} aborted: deleted {} files it had published to {}", jobId, removed, dest);
    }
  }

  /** Moves back the previous contents that an overwrite's job commit moved aside. */
  private void restorePreviousContents(Path dest) throws IOException {
    Path previous = layout.previousDir();
    if (!fs().exists(previous)) {
      return;
    }
    for (FileStatus entry : fs().listStatus(previous)) {
      Path target = new Path(dest, entry.getPath().getName());
      if (fs().exists(target)) {
        throw new IOException(
            "Cannot restore "
                + entry.getPath()
                + " to abort output job "
                + jobId
                + ": "
                + target
                + " exists");
      }
      rename(entry.getPath(), target);
    }
    fs().delete(layout.overwriteStartedMarker(), false);
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

  /**
   * Moves the destination's contents, but {@code _temporary}, into the job's {@code _previous}
   * directory, where they stay until {@code _SUCCESS} is written or an abort moves them back.
   */
  private void movePreviousContentsAside(Path dest) throws IOException {
    Path previous = layout.previousDir();
    mkdirs(previous);
    for (FileStatus entry : fs().listStatus(dest)) {
      if (!entry.getPath().getName().equals(OutputLayout.TEMPORARY)) {
        rename(entry.getPath(), new Path(previous, entry.getPath().getName()));
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
      String textExtension = textCodec == null ? "" : codec().getDefaultExtension();
      layout =
          new OutputLayout(
              fileSystem.makeQualified(dest), jobId, mode == SaveMode.APPEND, textExtension);
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
