package dev.weft.shuffle.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registered applications: their secrets and their executors' registrations. Thread-safe. */
final class ApplicationRegistry {
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final List<File> allowedLocalDirs;

  /** One application's state. */
  static final class App {
    final String appId;
    final byte[] secret;

    /** Whether the application's connections must be encrypted (plaintext ones are refused). */
    final boolean encryptionRequired;

    /**
     * The directories this application's executors may register dirs inside, and the only ones its
     * files are deleted from; empty when none were given (then the server-wide allowed dirs apply).
     */
    final List<Path> allowedRoots;

    final Map<String, RegisteredExecutor> executors = new ConcurrentHashMap<>();

    App(String appId, byte[] secret, List<Path> allowedRoots, boolean encryptionRequired) {
      this.appId = appId;
      this.secret = secret;
      this.encryptionRequired = encryptionRequired;
      this.allowedRoots = allowedRoots;
    }

    /** The allowed roots that exist, as real paths (symbolic links resolved). */
    List<Path> realRoots() {
      List<Path> real = new ArrayList<>(allowedRoots.size());
      for (Path root : allowedRoots) {
        try {
          real.add(root.toRealPath());
        } catch (IOException e) {
          // A root that does not exist (yet) holds nothing.
        }
      }
      return real;
    }

    /**
     * Whether {@code path} resolves (following symbolic links) to a file inside one of the allowed
     * roots; false when it does not exist or the application has no allowed roots.
     */
    boolean isInsideAllowedRoots(Path path) {
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException e) {
        return false;
      }
      for (Path root : realRoots()) {
        if (real.startsWith(root)) {
          return true;
        }
      }
      return false;
    }
  }

  ApplicationRegistry(List<File> allowedLocalDirs) {
    this.allowedLocalDirs = allowedLocalDirs;
  }

  /** Adds an application or replaces its secret, keeping its executors and allowed roots. */
  void register(String appId, byte[] secret) {
    register(appId, secret, List.of(), false);
  }

  /**
   * Adds an application or replaces its secret, keeping its executors.
   *
   * @param allowedRoots the absolute directories the application's executor dirs must be inside;
   *     empty to keep the ones given before (none: the server-wide allowed dirs apply)
   * @param encryptionRequired whether plaintext connections of the application are refused
   */
  void register(String appId, byte[] secret, List<Path> allowedRoots, boolean encryptionRequired) {
    if (appId == null || appId.isEmpty()) {
      throw new IllegalArgumentException("expected an application id, found none");
    }
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(
          "expected a non-empty secret for application " + appId + ", found none");
    }
    List<Path> roots = new ArrayList<>(allowedRoots.size());
    for (Path root : allowedRoots) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException(
            "expected absolute allowed dirs for application " + appId + ", found '" + root + "'");
      }
      roots.add(root.normalize());
    }
    apps.compute(
        appId,
        (id, old) -> {
          List<Path> kept = roots.isEmpty() && old != null ? old.allowedRoots : List.copyOf(roots);
          App app = new App(id, secret.clone(), kept, encryptionRequired);
          if (old != null) {
            app.executors.putAll(old.executors);
          }
          return app;
        });
  }

  /** Removes an application; null when it was not registered. */
  App remove(String appId) {
    return apps.remove(appId);
  }

  /** The application, or null. */
  App get(String appId) {
    return apps.get(appId);
  }

  /**
   * Records an executor's registration, replacing an earlier one of the same executor.
   *
   * @throws IllegalArgumentException when the application is unknown or a dir is not allowed
   */
  void addExecutor(RegisteredExecutor executor) {
    App app = apps.get(executor.appId());
    if (app == null) {
      throw new IllegalArgumentException(
          "application " + executor.appId() + " is not registered with the shuffle service");
    }
    checkDirs(app, executor);
    app.executors.put(executor.executorId(), executor);
  }

  /**
   * Checks that the executor's application is registered and that the executor's dirs are absolute,
   * normal and allowed for the application.
   *
   * @throws IllegalArgumentException when not, in one line naming the dir and the application
   */
  void checkDirs(RegisteredExecutor executor) {
    App app = apps.get(executor.appId());
    if (app == null) {
      throw new IllegalArgumentException(
          "application " + executor.appId() + " is not registered with the shuffle service");
    }
    checkDirs(app, executor);
  }

  /**
   * With allowed roots, each dir must exist and resolve (symbolic links followed) to a directory
   * inside one of the application's roots (resolved too); without, it must be lexically under one
   * of the server-wide allowed dirs.
   */
  private void checkDirs(App app, RegisteredExecutor executor) {
    for (String dir : executor.localDirs()) {
      File f = new File(dir);
      if (!f.isAbsolute() || !f.toPath().normalize().toString().equals(f.toPath().toString())) {
        throw new IllegalArgumentException(
            "expected an absolute, normalized local dir for executor "
                + executor.executorId()
                + ", found '"
                + dir
                + "'");
      }
      if (!app.allowedRoots.isEmpty()) {
        checkInsideRoots(app, executor, f.toPath());
      } else if (!allowedLocalDirs.isEmpty() && !isUnderAllowedDir(f)) {
        throw new IllegalArgumentException(
            "local dir "
                + dir
                + " of executor "
                + executor.executorId()
                + " is not under "
                + allowedLocalDirs);
      }
    }
  }

  private static void checkInsideRoots(App app, RegisteredExecutor executor, Path dir) {
    if (longestHolding(app.allowedRoots, dir) == null) {
      // Files are opened below the root without following links, so the dir must name a path
      // inside a root as written, not only resolve into one.
      throw new IllegalArgumentException(
          "local dir "
              + dir
              + " of executor "
              + executor.executorId()
              + " is not inside the dirs of application "
              + app.appId
              + " "
              + app.allowedRoots);
    }
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "local dir "
              + dir
              + " of executor "
              + executor.executorId()
              + " of application "
              + app.appId
              + " cannot be resolved: "
              + e);
    }
    List<Path> roots = app.realRoots();
    for (Path root : roots) {
      if (real.startsWith(root)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "local dir "
            + dir
            + (real.equals(dir) ? "" : " (resolving to " + real + ")")
            + " of executor "
            + executor.executorId()
            + " is not inside the dirs of application "
            + app.appId
            + " "
            + (roots.isEmpty() ? app.allowedRoots : roots));
  }

  private boolean isUnderAllowedDir(File dir) {
    for (File allowed : allowedLocalDirs) {
      if (dir.toPath().startsWith(allowed.toPath())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The directory below which {@code file} of {@code executor} is opened without following links
   * (see {@link ConfinedFiles}): the server-wide allowed dir that holds it, else the application's
   * allowed root that holds it, else (neither configured) the executor's local dir that holds it.
   * Links are followed only in the returned directory's own path, which comes from configuration.
   *
   * @return null when the file is outside every dir it must be inside
   */
  Path trustedBase(App app, RegisteredExecutor executor, Path file) {
    Path normalized = file.normalize();
    if (!app.allowedRoots.isEmpty() && longestHolding(app.allowedRoots, normalized) == null) {
      return null;
    }
    Path base = longestHolding(allowedLocalDirPaths(), normalized);
    if (base == null && !allowedLocalDirs.isEmpty() && app.allowedRoots.isEmpty()) {
      return null;
    }
    if (base == null) {
      base = longestHolding(app.allowedRoots, normalized);
    }
    if (base == null) {
      List<Path> dirs = new ArrayList<>();
      for (String dir : executor.localDirs()) {
        dirs.add(Path.of(dir));
      }
      base = longestHolding(dirs, normalized);
    }
    return base;
  }

  private List<Path> allowedLocalDirPaths() {
    List<Path> paths = new ArrayList<>(allowedLocalDirs.size());
    for (File dir : allowedLocalDirs) {
      paths.add(dir.toPath().normalize());
    }
    return paths;
  }

  /** The longest of {@code dirs} that {@code path} is lexically inside (or equal to), or null. */
  private static Path longestHolding(List<Path> dirs, Path path) {
    Path best = null;
    for (Path dir : dirs) {
      if (path.startsWith(dir) && (best == null || dir.getNameCount() > best.getNameCount())) {
        best = dir;
      }
    }
    return best;
  }

  /** Every executor of every application but {@code exceptAppId}. */
  List<RegisteredExecutor> executorsOfOtherApps(String exceptAppId) {
    List<RegisteredExecutor> result = new ArrayList<>();
    for (App app : apps.values()) {
      if (!app.appId.equals(exceptAppId)) {
        result.addAll(app.executors.values());
      }
    }
    return result;
  }

  long applicationCount() {
    return apps.size();
  }

  long executorCount() {
    long n = 0;
    for (App app : apps.values()) {
      n += app.executors.size();
    }
    return n;
  }
}
