package dev.weft.shuffle.server;

import dev.weft.shuffle.layout.LocalDirLayout;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * An executor's registration with the shuffle service: the local dirs it writes map outputs to and
 * how it spreads files over them. The recovery store persists these and replays them through {@link
 * ShuffleServer#registerExecutor} after a NodeManager restart.
 *
 * @param appId the application the executor belongs to
 * @param executorId the executor's id, unique within the application
 * @param localDirs the executor's local dirs (absolute paths), in layout order
 * @param subDirsPerDir sub-directories per local dir in the executor's {@link LocalDirLayout}
 */
public record RegisteredExecutor(
    String appId, String executorId, List<String> localDirs, int subDirsPerDir) {

  /** Validates and copies the dirs. */
  public RegisteredExecutor {
    if (appId == null || appId.isEmpty()) {
      throw new IllegalArgumentException("expected an application id, found none");
    }
    if (executorId == null || executorId.isEmpty()) {
      throw new IllegalArgumentException("expected an executor id, found none");
    }
    localDirs = List.copyOf(localDirs);
    // Validates the dir count and sub-dir count.
    new LocalDirLayout(files(localDirs), subDirsPerDir);
  }

  /** The layout that locates this executor's files. */
  public LocalDirLayout layout() {
    return new LocalDirLayout(files(localDirs), subDirsPerDir);
  }

  private static List<File> files(List<String> dirs) {
    List<File> files = new ArrayList<>(dirs.size());
    for (String dir : dirs) {
      files.add(new File(dir));
    }
    return files;
  }
}
