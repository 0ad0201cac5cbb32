package dev.weft.shuffle.yarn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registrations the recovery store remembers: each application's secret and its executors'
 * local dirs. Not thread-safe; {@link RecoveryStore} guards it.
 */
final class RegistrationTable {
  private final Map<String, Application> apps = new LinkedHashMap<>();

  /** One application's secret and its executors' registrations by executor id. */
  private static final class Application {
    private byte[] secret;
    private String user;
    private final Map<String, StoreRecord.ExecutorRegistered> executors = new LinkedHashMap<>();

    Application(byte[] secret, String user) {
      this.secret = secret;
      this.user = user;
    }
  }

  /**
   * Applies one replayed or new record.
   *
   * @return null when applied, else why it was not (the application it needs is unknown)
   */
  String apply(StoreRecord record) {
    if (record instanceof StoreRecord.ApplicationRegistered r) {
      Application app = apps.get(r.appId());
      if (app == null) {
        apps.put(r.appId(), new Application(r.secret(), r.user()));
      } else {
        app.secret = r.secret();
        if (r.user() != null) {
          app.user = r.user();
        }
      }
      return null;
    }
    if (record instanceof StoreRecord.ExecutorRegistered r) {
      Application app = apps.get(r.appId());
      if (app == null) {
        return "executor "
            + r.executorId()
            + " of application "
            + r.appId()
            + " belongs to no registered application";
      }
      app.executors.put(r.executorId(), r);
      return null;
    }
    if (record instanceof StoreRecord.ApplicationRemoved r) {
      apps.remove(r.appId());
      return null;
    }
    return "a " + record.getClass().getSimpleName() + " record is out of place";
  }

  /** Whether {@code record} would change nothing, so it need not be written. */
  boolean alreadyHolds(StoreRecord record) {
    if (record instanceof StoreRecord.ApplicationRegistered r) {
      Application app = apps.get(r.appId());
      return app != null
          && Arrays.equals(app.secret, r.secret())
          && (r.user() == null || Objects.equals(app.user, r.user()));
    }
    if (record instanceof StoreRecord.ExecutorRegistered r) {
      Application app = apps.get(r.appId());
      return app != null && r.equals(app.executors.get(r.executorId()));
    }
    if (record instanceof StoreRecord.ApplicationRemoved r) {
      return !apps.containsKey(r.appId());
    }
    return false;
  }

  boolean contains(String appId) {
    return apps.containsKey(appId);
  }

  /** The secret of a registered application, or null. */
  byte[] secret(String appId) {
    Application app = apps.get(appId);
    return app == null ? null : app.secret.clone();
  }

  /** The whole table as records that rebuild it, each application before its executors. */
  List<StoreRecord> toRecords() {
    List<StoreRecord> records = new ArrayList<>();
    apps.forEach(
        (appId, app) -> {
          records.add(new StoreRecord.ApplicationRegistered(appId, app.secret, app.user));
          records.addAll(app.executors.values());
        });
    return records;
  }

  /** An immutable copy of every application, in registration order. */
  List<RecoveredApplication> applications() {
    List<RecoveredApplication> result = new ArrayList<>(apps.size());
    apps.forEach(
        (appId, app) ->
            result.add(
                new RecoveredApplication(
                    appId, app.secret, app.user, List.copyOf(app.executors.values()))));
    return List.copyOf(result);
  }

  int executorCount() {
    return apps.values().stream().mapToInt(a -> a.executors.size()).sum();
  }
}
