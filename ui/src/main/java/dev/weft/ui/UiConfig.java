package dev.weft.ui;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.StatusConfig;
import java.time.Duration;

/** Keys of the web UI ({@code weft.ui.*}) and of the history server ({@code weft.history.*}). */
public final class UiConfig implements ConfigDeclarations {

  public static final ConfigKey<Boolean> KILL_ENABLED =
      ConfigKey.bool("weft.ui.killEnabled")
          .defaultValue("false")
          .doc(
              "Offer 'kill job' and 'kill stage' buttons in the live UI. Only the application's"
                  + " owner and the users of weft.modify.acls and weft.admin.acls, as authenticated"
                  + " by the ResourceManager's web proxy, may use them (POST with a CSRF token).")
          .build();

  public static final ConfigKey<Boolean> ACLS_ENABLE =
      ConfigKey.bool("weft.acls.enable")
          .defaultValue("false")
          .doc(
              "Check view permissions on the live UI, its REST API and the history server: only"
                  + " the owner, weft.admin.acls and weft.ui.view.acls (and their groups) may see"
                  + " the application. Modify permissions (the kill action) are always checked.")
          .build();

  public static final ConfigKey<String> VIEW_ACLS =
      ConfigKey.string("weft.ui.view.acls")
          .defaultValue("")
          .doc(
              "Comma-separated users who may view the application when weft.acls.enable is on; * for anyone.")
          .build();

  public static final ConfigKey<String> VIEW_ACLS_GROUPS =
      ConfigKey.string("weft.ui.view.acls.groups")
          .defaultValue("")
          .doc(
              "Comma-separated groups (Hadoop's group mapping) whose members may view the application; * for anyone.")
          .build();

  public static final ConfigKey<String> MODIFY_ACLS =
      ConfigKey.string("weft.modify.acls")
          .defaultValue("")
          .doc(
              "Comma-separated users who, besides the owner, may kill the application's jobs and stages from the UI; * for anyone.")
          .build();

  public static final ConfigKey<String> MODIFY_ACLS_GROUPS =
      ConfigKey.string("weft.modify.acls.groups")
          .defaultValue("")
          .doc(
              "Comma-separated groups whose members may kill the application's jobs and stages; * for anyone.")
          .build();

  public static final ConfigKey<String> ADMIN_ACLS =
      ConfigKey.string("weft.admin.acls")
          .defaultValue("")
          .doc(
              "Comma-separated users who may view and modify every application (cluster administrators).")
          .build();

  public static final ConfigKey<String> ADMIN_ACLS_GROUPS =
      ConfigKey.string("weft.admin.acls.groups")
          .defaultValue("")
          .doc("Comma-separated groups whose members may view and modify every application.")
          .build();

  public static final ConfigKey<String> HISTORY_ADDRESS =
      ConfigKey.string("weft.history.address")
          .doc(
              "host:port of the history server (bin/weft-history). When set, an application's"
                  + " final tracking URL in YARN points at its page there, so the"
                  + " ResourceManager's link keeps working after the application ends.")
          .check(
              s -> s.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}"), "host:port, e.g. history:18080")
          .build();

  public static final ConfigKey<Integer> HISTORY_PORT =
      ConfigKey.integer("weft.history.port")
          .defaultValue("18080")
          .doc("Port bin/weft-history listens on; 0 picks a free port.")
          .check(n -> n >= 0 && n <= 65535, "a port number 0-65535")
          .build();

  public static final ConfigKey<Boolean> HISTORY_UI_ACLS_ENABLE =
      ConfigKey.bool("weft.history.ui.acls.enable")
          .defaultValue("false")
          .doc(
              "Make the history server check every application's view permissions (owner,"
                  + " weft.ui.view.acls, weft.admin.acls and their groups), whatever the"
                  + " application's own weft.acls.enable, as Spark's spark.history.ui.acls.enable."
                  + " When off, an application's own weft.acls.enable still applies. Users are"
                  + " authenticated by SPNEGO when hadoop.http.authentication.type is kerberos.")
          .build();

  public static final ConfigKey<Duration> HISTORY_UPDATE_INTERVAL =
      ConfigKey.duration("weft.history.updateInterval")
          .defaultValue("10s")
          .doc(
              "How stale the history server lets a running application's (.inprogress) page get"
                  + " before it reads the event log again.")
          .check(d -> !d.isNegative(), "a duration of 0 or more")
          .build();

  /** The status model's limits from {@code weft.ui.retained*}. */
  public static AppStatusStore.Limits limits(WeftConfig config) {
    return new AppStatusStore.Limits(
        config.get(StatusConfig.RETAINED_JOBS),
        config.get(StatusConfig.RETAINED_STAGES),
        config.get(StatusConfig.RETAINED_TASKS),
        config.get(StatusConfig.RETAINED_DEAD_EXECUTORS));
  }
}
