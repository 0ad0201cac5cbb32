package dev.weft.ui;

import dev.weft.core.status.Views;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may view an application's UI and REST API and who may change it (the kill action), as Spark's
 * {@code spark.acls.enable}, {@code spark.ui.view.acls} and {@code spark.modify.acls} decide: the
 * owner always may; so may admins ({@code weft.admin.acls}, {@code weft.admin.acls.groups});
 * viewers are named by {@code weft.ui.view.acls} and {@code weft.ui.view.acls.groups}, modifiers by
 * {@code weft.modify.acls} and {@code weft.modify.acls.groups}. Lists are comma-separated; {@code
 * *} admits anyone. Without {@code weft.acls.enable} anyone may view, and only the owner, admins
 * and modifiers may modify (so the kill action never falls open). A request without an
 * authenticated user is only admitted by {@code *}.
 */
public final class AccessControl {
  private final boolean enabled;
  private final String owner;
  private final Set<String> viewUsers;
  private final Set<String> viewGroups;
  private final Set<String> modifyUsers;
  private final Set<String> modifyGroups;
  private final Set<String> adminUsers;
  private final Set<String> adminGroups;
  private final GroupMapping groups;

  private AccessControl(Map<String, String> config, String owner, GroupMapping groups) {
    this.enabled = Boolean.parseBoolean(config.getOrDefault(UiConfig.ACLS_ENABLE.name(), "false"));
    this.owner = owner == null || owner.isEmpty() ? null : owner;
    this.viewUsers = list(config, UiConfig.VIEW_ACLS.name());
    this.viewGroups = list(config, UiConfig.VIEW_ACLS_GROUPS.name());
    this.modifyUsers = list(config, UiConfig.MODIFY_ACLS.name());
    this.modifyGroups = list(config, UiConfig.MODIFY_ACLS_GROUPS.name());
    this.adminUsers = list(config, UiConfig.ADMIN_ACLS.name());
    this.adminGroups = list(config, UiConfig.ADMIN_ACLS_GROUPS.name());
    this.groups = groups;
  }

  /**
   * The access rules of one application.
   *
   * @param config the application's configuration (its {@code weft.*acls*} entries)
   * @param owner the user who submitted it
   * @param groups the groups of a user
   */
  public static AccessControl of(Map<String, String> config, String owner, GroupMapping groups) {
    return new AccessControl(config, owner, groups);
  }

  /** The access rules of an application as its status model knows it. */
  public static AccessControl of(Views.Application app, GroupMapping groups) {
    return of(app.config(), app.user(), groups);
  }

  /** Whether {@code user} (null when unauthenticated) may see the application. */
  public boolean canView(String user) {
    return !enabled || admitted(user, viewUsers, viewGroups);
  }

  /** Whether {@code user} (null when unauthenticated) may kill the application's jobs. */
  public boolean canModify(String user) {
    return admitted(user, modifyUsers, modifyGroups);
  }

  /** Whether view permissions are checked at all ({@code weft.acls.enable}). */
  public boolean enabled() {
    return enabled;
  }

  private boolean admitted(String user, Set<String> users, Set<String> userGroups) {
    if (users.contains("*") || adminUsers.contains("*")) {
      return true;
    }
    if (user == null) {
      return false;
    }
    if (user.equals(owner) || users.contains(user) || adminUsers.contains(user)) {
      return true;
    }
    if (userGroups.isEmpty() && adminGroups.isEmpty()) {
      return false;
    }
    if (userGroups.contains("*") || adminGroups.contains("*")) {
      return true;
    }
    for (String g : groups.groups(user)) {
      if (userGroups.contains(g) || adminGroups.contains(g)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> list(Map<String, String> config, String key) {
    String v = config.get(key);
    if (v == null || v.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(v.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
