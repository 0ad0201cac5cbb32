package dev.weft.shuffle.server;

import dev.weft.shuffle.layout.LocalDirLayout;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deletes the shuffle files of a removed application: in every sub-directory of its executors'
 * local dirs, the files the shuffle layout names (data, index and their temporary files), then the
 * sub-directories left empty. Directories that an executor of another application also registered
 * are left alone. When the application has allowed roots, only sub-directories that resolve
 * (symbolic links followed, at deletion time) inside them are touched, and through their real
 * paths.
 */
final class AppFileCleaner {
  private static final Logger LOG = System.getLogger(ShuffleServer.class.getName());
  private static final Pattern SHUFFLE_FILE =
      Pattern.compile("shuffle_\\d+_\\d+\\.(data|index)(\\.tmp-[0-9a-f-]+)?");

  private AppFileCleaner() {}

  /**
   * The real path of {@code dir} when it exists and is inside one of the application's allowed
   * roots (resolved too); else null, logged when it exists outside them.
   */
  private static Path realInsideRoots(ApplicationRegistry.App app, Path dir) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return null;
    }
    for (Path root : app.realRoots()) {
      if (real.startsWith(root)) {
        return real;
      }
    }
    LOG.log(
        Logger.Level.WARNING,
        "Not deleting shuffle files in {0} (resolving to {1}): outside the dirs of application {2}",
        dir,
        real,
        app.appId);
    return null;
  }

  /**
   * Deletes the files.
   *
   * @throws IOException naming the first file that could not be deleted, after trying every other
   */
  static void deleteShuffleFiles(
      ApplicationRegistry.App app,
      Collection<RegisteredExecutor> executors,
      List<RegisteredExecutor> others)
      throws IOException {
    String appId = app.appId;
    boolean confined = !app.allowedRoots.isEmpty();
    Set<Path> protectedDirs = new HashSet<>();
    for (RegisteredExecutor other : others) {
      for (String dir : other.localDirs()) {
        protectedDirs.add(Path.of(dir));
      }
    }
    IOException first = null;
    int deleted = 0;
    for (RegisteredExecutor executor : executors) {
      LocalDirLayout layout = executor.layout();
      for (File registeredSub : layout.allSubDirs()) {
        if (protectedDirs.contains(registeredSub.getParentFile().toPath())) {
          continue;
        }
        File sub = registeredSub;
        if (confined) {
          Path real = realInsideRoots(app, registeredSub.toPath());
          if (real == null) {
            continue;
          }
          sub = real.toFile();
        }
        File[] files = sub.listFiles();
        if (files == null) {
          continue;
        }
        for (File f : files) {
          if (SHUFFLE_FILE.matcher(f.getName()).matches()) {
            // Deleting a symbolic link deletes the link, never its target.
            try {
              Files.deleteIfExists(f.toPath());
              deleted++;
            } catch (IOException e) {
              first = first == null ? e : first;
            }
          }
        }
        String[] left = sub.list();
        if (left != null && left.length == 0) {
          // A concurrent writer may have added a file; then the directory stays.
          sub.delete();
        }
      }
    }
    int count = deleted;
    LOG.log(
        Logger.Level.INFO,
        () -> "Deleted " + count + " shuffle files of removed application " + appId);
    if (first != null) {
      throw new IOException(
          "could not delete every shuffle file of application " + appId + ": " + first, first);
    }
  }
}
