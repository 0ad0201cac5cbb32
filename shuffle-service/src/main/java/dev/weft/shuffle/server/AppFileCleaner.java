package dev.weft.shuffle.server;

import dev.weft.shuffle.layout.LocalDirLayout;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deletes the shuffle files of a removed application: in every sub-directory of its executors'
 * local dirs, the files the shuffle layout names (data, index and their temporary files), then the
 * sub-directories left empty. Directories that an executor of another application also registered
 * are left alone. Each sub-directory is reached through {@link ConfinedFiles}, without following a
 * link below its trusted base, and its entries are deleted relative to that directory handle, so a
 * directory swapped for a link never leads the deletion elsewhere.
 */
final class AppFileCleaner {
  private static final Logger LOG = System.getLogger(ShuffleServer.class.getName());
  private static final Pattern SHUFFLE_FILE =
      Pattern.compile("shuffle_\\d+_\\d+_\\d+\\.(data|index)(\\.tmp-[0-9a-f-]+)?");

  private AppFileCleaner() {}

  /**
   * Deletes the files.
   *
   * @throws IOException naming the first file that could not be deleted, after trying every other
   */
  static void deleteShuffleFiles(
      ApplicationRegistry registry,
      ApplicationRegistry.App app,
      Collection<RegisteredExecutor> executors,
      List<RegisteredExecutor> others)
      throws IOException {
    String appId = app.appId;
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
        Path parent = sub.getParentFile().toPath();
        if (protectedDirs.contains(parent)) {
          continue;
        }
        Path base = registry.trustedBase(app, executor, sub.toPath());
        if (base == null) {
          continue;
        }
        try (SecureDirectoryStream<Path> localDir = ConfinedFiles.openDirectory(base, parent)) {
          Path subName = sub.toPath().getFileName();
          boolean empty = true;
          try (SecureDirectoryStream<Path> dir =
              localDir.newDirectoryStream(subName, LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : dir) {
              Path name = entry.getFileName();
              if (!SHUFFLE_FILE.matcher(name.toString()).matches()) {
                empty = false;
                continue;
              }
              try {
                // Unlinks the entry itself: a link is removed, never its target.
                dir.deleteFile(name);
                deleted++;
              } catch (NoSuchFileException gone) {
                // Deleted meanwhile.
              } catch (IOException e) {
                empty = false;
                first = first == null ? e : first;
              }
            }
          }
          if (empty) {
            try {
              localDir.deleteDirectory(subName);
            } catch (IOException e) {
              // A concurrent writer may have added a file; then the directory stays.
            }
          }
        } catch (NoSuchFileException e) {
          // Nothing was written there.
        } catch (ConfinedFiles.UnsafeFileException e) {
          LOG.log(
              Logger.Level.WARNING,
              "Not deleting shuffle files in {0} of application {1}: {2} is {3}",
              sub,
              appId,
              e.getFile(),
              e.getReason());
        } catch (IOException e) {
          first = first == null ? e : first;
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
