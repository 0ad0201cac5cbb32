package dev.weft.ui;

import java.util.List;
import java.util.Set;
import org.apache.hadoop.security.UserGroupInformation;

/** The groups a user belongs to, for the group ACLs of {@link AccessControl}. */
@FunctionalInterface
public interface GroupMapping {
  /** The user's groups; empty when unknown. */
  Set<String> groups(String user);

  /** No user is in any group. */
  static GroupMapping none() {
    return user -> Set.of();
  }

  /**
   * Hadoop's group mapping ({@code hadoop.security.group.mapping}, cached by Hadoop), as the
   * ResourceManager and NameNode see groups.
   */
  static GroupMapping hadoop() {
    return user -> {
      try {
        return Set.copyOf(List.of(UserGroupInformation.createRemoteUser(user).getGroupNames()));
      } catch (RuntimeException e) {
        return Set.of();
      }
    };
  }
}
