package dev.weft.executor.storage;

import dev.weft.shuffle.layout.LocalDirLayout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

/**
 * The executor's local directories: where shuffle files, spills and disk-cached blocks go. Files
 * are spread over the directories (one per disk, usually) by a hash of their name, and over 64
 * sub-directories in each so no directory grows huge.
 */
public final class LocalDirs {

  private final List<File> roots;
  private final LocalDirLayout layout;

  /**
   * @param roots directories for this executor alone (created when missing)
   */
  public LocalDirs(List<File> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("at least one local dir is needed");
    }
    for (File root : roots) {
      // mkdirs fails when another executor created the directory first; that is fine.
      if (!root.mkdirs() && !root.isDirectory()) {
        throw new UncheckedIOException(
            new IOException("Cannot create local dir " + root + " (check weft.local.dirs)"));
      }
    }
    this.roots = List.copyOf(roots);
    this.layout = LocalDirLayout.of(this.roots);
  }

  public List<File> roots() {
    return roots;
  }

  /**
   * The file with this name, in the directory its hash selects (parent created). The rule is the
   * shuffle service's {@link LocalDirLayout}, so the service finds map outputs where they are.
   */
  public File file(String name) {
    File sub = layout.dirFor(name);
    if (!sub.isDirectory() && !sub.mkdirs() && !sub.isDirectory()) {
      throw new UncheckedIOException(new IOException("Cannot create directory " + sub));
    }
    return new File(sub, name);
  }

  /** A new, unique file for temporary data such as a spill; the caller deletes it. */
  public File tempFile(String prefix) {
    return file(prefix + "_" + UUID.randomUUID());
  }

  /** Deletes everything under the roots (executor shutdown). */
  public void deleteAll() {
    for (File root : roots) {
      deleteRecursively(root);
    }
  }

  static void deleteRecursively(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteRecursively(c);
      }
    }
    try {
      Files.deleteIfExists(f.toPath());
    } catch (IOException e) {
      // best effort at shutdown
    }
  }
}
