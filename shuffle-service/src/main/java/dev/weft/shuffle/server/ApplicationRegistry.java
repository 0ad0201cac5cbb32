package dev.weft.shuffle.server;

import java.io.File;
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
    final Map<String, RegisteredExecutor> executors = new ConcurrentHashMap<>();

    App(String appId, byte[] secret) {
      this.appId = appId;
      this.secret = secret;
    }
  }

  ApplicationRegistry(List<File> allowedLocalDirs) {
    this.allowedLocalDirs = allowedLocalDirs;
  }

  /** Adds an application or replaces its secret, keeping its executors. */
  void register(String appId, byte[] secret) {
    if (appId == null || appId.isEmpty()) {
      throw new IllegalArgumentException("expected an application id, found none");
    }
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(
          "expected a non-empty secret for application " + appId + ", found none");
    }
    apps.compute(
        appId,
        (id, old) -> {
          App app = new App(id, secret.clone());
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
    checkDirs(executor);
    app.executors.put(executor.executorId(), executor);
  }

  /** Checks that the executor's dirs are absolute, normal and under an allowed dir. */
  void checkDirs(RegisteredExecutor executor) {
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
      if (!allowedLocalDirs.isEmpty() && !isUnderAllowedDir(f)) {
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

  private boolean isUnderAllowedDir(File dir) {
    for (File allowed : allowedLocalDirs) {
      if (dir.toPath().startsWith(allowed.toPath())) {
        return true;
      }
    }
    return false;
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
