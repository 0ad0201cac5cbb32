package dev.weft.hdfs.output;

import java.io.IOException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The job commit of one output job, as a sequence of steps whose progress is persisted in the job's
 * directory, so that a retried commit, an abort, or a new application attempt can tell how far it
 * got:
 *
 * <ol>
 *   <li>{@link Progress#PREPARED}: the {@link PublishManifest} lists every committed file.
 *   <li>What the job replaces (overwrite mode, the directories it writes into in dynamic partition
 *       overwrite mode, or an earlier application attempt's output) is moved aside into {@code
 *       _previous}; then {@code _PUBLISH_STARTED} is written: {@link Progress#PUBLISHING}.
 *   <li>Every listed file is renamed into the destination: {@link Progress#PUBLISHED}, from which
 *       the commit only goes forward, since rolling back would lose the output.
 *   <li>{@code _previous} is deleted, {@code _SUCCESS} written, strictly after everything else
 *       visible in the destination.
 *   <li>The job's directory is removed.
 * </ol>
 *
 * <p>Every step is idempotent, so {@link #commit} continues where a failed try stopped.
 */
final class JobCommit {
  private static final Logger LOG = LogManager.getLogger(JobCommit.class);

  /** How far a job commit got. */
  enum Progress {
    /** No manifest: nothing was published or moved aside. */
    NOT_STARTED,
    /** The manifest exists; replaced contents may be partly moved aside, nothing is published. */
    PREPARED,
    /** Some listed files may be published, others still wait in the committed directory. */
    PUBLISHING,
    /** Every listed file is published. */
    PUBLISHED
  }

  /** What of the destination's contents a commit moves aside and deletes once it published. */
  record Replacement(boolean all, Predicate<String> fileNames, boolean publishedDirs) {
    static final Replacement NONE = new Replacement(false, null, false);
    static final Replacement ALL = new Replacement(true, null, false);

    /**
     * The directories below the destination into which the job publishes files (the dynamic
     * partition overwrite of {@link SaveMode#OVERWRITE_PARTITIONS}).
     */
    static final Replacement PUBLISHED_DIRS = new Replacement(false, null, true);

    /** The files, at any depth, whose names {@code fileNames} accepts. */
    static Replacement filesNamed(Predicate<String> fileNames) {
      return new Replacement(false, fileNames, false);
    }

    /** These, and also the files, at any depth, whose names {@code fileNames} accepts. */
    Replacement andFilesNamed(Predicate<String> names) {
      return new Replacement(all, names, publishedDirs);
    }
  }

  private final OutputFiles files;
  private final OutputLayout layout;
  private final String jobId;

  JobCommit(OutputFiles files, OutputLayout layout, String jobId) {
    this.files = files;
    this.layout = layout;
    this.jobId = jobId;
  }

  /** How far the job's commit got, from what its directory holds. */
  Progress progress() throws IOException {
    PublishManifest manifest = PublishManifest.readOrNull(files, layout);
    if (manifest == null) {
      return Progress.NOT_STARTED;
    }
    if (!files.exists(layout.publishStartedMarker())) {
      return Progress.PREPARED;
    }
    for (String entry : manifest.entries()) {
      if (files.exists(PublishManifest.committedCopy(layout, entry))) {
        return Progress.PUBLISHING;
      }
    }
    return Progress.PUBLISHED;
  }

  /**
   * Whether a commit stopped while {@link Progress#PUBLISHING} can be completed: every listed file
   * is either still committed or published, and none is in the way of another.
   */
  boolean completable() throws IOException {
    PublishManifest manifest = PublishManifest.readOrNull(files, layout);
    if (manifest == null) {
      return false;
    }
    for (String entry : manifest.entries()) {
      Path published = PublishManifest.published(layout, entry);
      boolean committed = files.exists(PublishManifest.committedCopy(layout, entry));
      boolean visible = published != null && files.exists(published);
      if (published == null || committed == visible) {
        return false; // lost, or a file of someone else is where this one goes
      }
    }
    return true;
  }

  /**
   * Runs or continues the job commit.
   *
   * @param replacement what the job replaces, used only if the commit has not yet moved it aside
   * @param ownsDestination whether the destination holds only this job's output once published
   */
  void commit(Replacement replacement, boolean ownsDestination) throws IOException {
    PublishManifest manifest = PublishManifest.readOrNull(files, layout);
    if (manifest == null) {
      manifest = PublishManifest.ofCommitted(files, layout, ownsDestination);
      manifest.write(files, layout);
      LOG.info(
          "Output job {} commit: {} -> {} ({} files)",
          jobId,
          Progress.NOT_STARTED,
          Progress.PREPARED,
          manifest.entries().size());
    }
    if (!files.exists(layout.publishStartedMarker())) {
      moveAside(replacement, manifest);
      files.touch(layout.publishStartedMarker());
      LOG.info("Output job {} commit: {} -> {}", jobId, Progress.PREPARED, Progress.PUBLISHING);
    }
    finish(manifest);
  }

  /**
   * Publishes what is left of a commit that got to {@link Progress#PUBLISHING}, and finishes it.
   */
  void complete() throws IOException {
    PublishManifest manifest = PublishManifest.readOrNull(files, layout);
    if (manifest == null) {
      throw new IllegalStateException("Output job " + jobId + " has no publish manifest");
    }
    finish(manifest);
  }

  private void finish(PublishManifest manifest) throws IOException {
    for (String entry : manifest.entries()) {
      publish(entry);
    }
    LOG.info("Output job {} commit: {} -> {}", jobId, Progress.PUBLISHING, Progress.PUBLISHED);
    files.delete(layout.previousDir());
    String owner = manifest.ownsDestination() ? jobId : SuccessMarker.ownerOrNull(files, layout);
    SuccessMarker.write(files, layout, jobId, owner);
    LOG.info(
        "Output job {} committed {} files to {}",
        jobId,
        manifest.entries().size(),
        layout.destination());
  }

  /** Moves one listed file into the destination, unless it is already there. */
  private void publish(String entry) throws IOException {
    Path from = PublishManifest.committedCopy(layout, entry);
    Path to = PublishManifest.published(layout, entry);
    boolean committed = files.exists(from);
    boolean visible = to != null && files.exists(to);
    if (to == null || (!committed && !visible)) {
      throw new IOException(
          "Cannot publish " + entry + " of output job " + jobId + ": its committed file is lost");
    }
    if (!committed) {
      return; // published by an earlier try
    }
    if (visible) {
      throw new IOException(
          "Cannot publish " + from + " of output job " + jobId + ": " + to + " exists");
    }
    Path parent = to.getParent();
    FileStatus dir = files.statusOrNull(parent);
    if (dir == null) {
      files.mkdirs(parent);
    } else if (!dir.isDirectory()) {
      throw new IOException(
          "Cannot publish " + from + " of output job " + jobId + ": " + parent + " is a file");
    }
    files.rename(from, to);
  }

  /** Moves the contents the job replaces into {@code _previous}, under their relative paths. */
  private void moveAside(Replacement replacement, PublishManifest manifest) throws IOException {
    if (replacement.publishedDirs()) {
      for (String dir : publishedDirs(manifest)) {
        Path old = new Path(layout.destination(), dir);
        FileStatus status = files.statusOrNull(old);
        if (status != null && status.isDirectory()) {
          Path aside = new Path(layout.previousDir(), dir);
          files.mkdirs(aside.getParent());
          files.rename(old, aside);
        }
      }
      LOG.info(
          "Output job {} replaces the directories it writes into in {}",
          jobId,
          layout.destination());
    }
    if (replacement.all()) {
      files.mkdirs(layout.previousDir());
      for (FileStatus entry : files.listOrEmpty(layout.destination())) {
        if (!entry.getPath().getName().equals(OutputLayout.TEMPORARY)) {
          files.rename(entry.getPath(), new Path(layout.previousDir(), entry.getPath().getName()));
        }
      }
    } else if (replacement.fileNames() != null) {
      moveAside(layout.destination(), layout.previousDir(), replacement.fileNames());
    }
  }

  /**
   * The directories, relative to the destination, that directly hold a file of the manifest; of a
   * directory and one below it (not written by partitioned output) only the outer one, so nothing
   * is moved twice. Files directly in the destination replace nothing.
   */
  private static SortedSet<String> publishedDirs(PublishManifest manifest) {
    TreeSet<String> dirs = new TreeSet<>();
    for (String entry : manifest.entries()) {
      int task = entry.indexOf('/');
      int last = entry.lastIndexOf('/');
      if (task >= 0 && last > task) {
        dirs.add(entry.substring(task + 1, last));
      }
    }
    TreeSet<String> outermost = new TreeSet<>();
    for (String dir : dirs) {
      boolean nested = false;
      for (int slash = dir.indexOf('/');
          slash > 0 && !nested;
          slash = dir.indexOf('/', slash + 1)) {
        nested = dirs.contains(dir.substring(0, slash));
      }
      if (!nested) {
        outermost.add(dir);
      }
    }
    return outermost;
  }

  private void moveAside(Path dir, Path previous, Predicate<String> names) throws IOException {
    for (FileStatus entry : files.listOrEmpty(dir)) {
      String name = entry.getPath().getName();
      if (entry.isDirectory()) {
        if (!name.equals(OutputLayout.TEMPORARY)) {
          moveAside(entry.getPath(), new Path(previous, name), names);
        }
      } else if (names.test(name)) {
        files.mkdirs(previous);
        files.rename(entry.getPath(), new Path(previous, name));
      }
    }
  }

  /**
   * Moves back what {@link #moveAside} moved, merging directories into those that exist again.
   *
   * @throws IOException if a file to restore is in the way of another; the rest then stays in
   *     {@code _previous}
   */
  void restorePrevious() throws IOException {
    if (files.exists(layout.previousDir())) {
      restore(layout.previousDir(), layout.destination());
      files.delete(layout.previousDir());
    }
    files.delete(layout.publishStartedMarker());
  }

  private void restore(Path from, Path to) throws IOException {
    for (FileStatus entry : files.listOrEmpty(from)) {
      Path target = new Path(to, entry.getPath().getName());
      FileStatus existing = files.statusOrNull(target);
      if (existing == null) {
        files.rename(entry.getPath(), target);
      } else if (entry.isDirectory() && existing.isDirectory()) {
        restore(entry.getPath(), target);
      } else {
        throw new IOException(
            "Cannot restore "
                + entry.getPath()
                + " to abort output job "
                + jobId
                + ": "
                + target
                + " exists");
      }
    }
  }

  /**
   * Deletes the listed files this job published (those whose committed copy is gone), and the
   * directories below the destination that publishing created and this leaves empty.
   */
  void removePublished() throws IOException {
    PublishManifest manifest = PublishManifest.readOrNull(files, layout);
    if (manifest == null) {
      return;
    }
    Path dest = layout.destination();
    int removed = 0;
    for (String entry : manifest.entries()) {
      Path published = PublishManifest.published(layout, entry);
      if (published == null) {
        continue;
      }
      if (!files.exists(PublishManifest.committedCopy(layout, entry))) {
        FileStatus status = files.statusOrNull(published);
        if (status != null && !status.isDirectory()) {
          if (!files.fs().delete(published, false)) {
            throw new IOException(
                "Could not delete " + published + " to abort output job " + jobId);
          }
          removed++;
        }
      }
      // Also where publishing created the directory but failed to move the file into it.
      for (Path parent = published.getParent();
          parent != null && parent.depth() > dest.depth();
          parent = parent.getParent()) {
        FileStatus dir = files.statusOrNull(parent);
        if (dir == null) {
          continue;
        }
        if (!dir.isDirectory()
            || files.listOrEmpty(parent).length > 0
            || !files.fs().delete(parent, false)) {
          break;
        }
      }
    }
    if (removed > 0) {
      LOG.info(
          "Output job {} aborted: deleted {} files it had published to {}", jobId, removed, dest);
    }
  }

  /**
   * Deletes the files under {@code dir} whose names {@code names} accepts, e.g. those an append job
   * published, and the directories that this leaves empty. Returns whether {@code dir} is now
   * empty.
   */
  boolean removeFilesNamed(Path dir, Predicate<String> names) throws IOException {
    boolean empty = true;
    boolean removedAny = false;
    for (FileStatus entry : files.listOrEmpty(dir)) {
      String name = entry.getPath().getName();
      if (entry.isDirectory()) {
        if (!name.equals(OutputLayout.TEMPORARY)
            && removeFilesNamed(entry.getPath(), names)
            && files.fs().delete(entry.getPath(), false)) {
          removedAny = true;
        } else {
          empty = false;
        }
      } else if (names.test(name)) {
        files.fs().delete(entry.getPath(), false);
        removedAny = true;
      } else {
        empty = false;
      }
    }
    return empty && removedAny;
  }
}
