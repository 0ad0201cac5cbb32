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
 * are left alone.
 */
final class AppFileCleaner {
  private static final Logger LOG = System.getLogger(ShuffleServer.class.getName());
  private static final Pattern SHUFFLE_FILE =
      Pattern.compile("shuffle_\\d+_\\d+\\.(data|index)(\\.tmp-[0-9a-f-]+)?");

  private AppFileCleaner() {}

  /**
   * Deletes the files.
   *
   * @throws IOException naming the first file that could not be deleted, after trying every other
   */
  static void deleteShuffleFiles(
      String appId, Collection<RegisteredExecutor> executors, List<RegisteredExecutor> others)
      throws IOException {
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
      for (File sub : layout.allSubDirs()) {
        if (protectedDirs.contains(sub.getParentFile().toPath())) {
          continue;
        }
        File[] files = sub.listFiles();
        if (files == null) {
          continue;
        }
        for (File f : files) {
          if (SHUFFLE_FILE.matcher(f.getName()).matches()) {
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
