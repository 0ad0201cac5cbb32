package dev.weft.yarn.am;

import java.security.Permission;

/**
 * Remembers the status of a {@code System.exit} call, so the ApplicationMaster's shutdown hook can
 * tell a user's {@code System.exit(0)} from a failure. Java has no other way to read the status; it
 * uses a permissive security manager, which JDK 18 and later only allow with {@code
 * -Djava.security.manager=allow} (yarn-submit passes it). When it cannot be installed, exits are
 * not trapped and the hook leaves the outcome to YARN.
 */
@SuppressWarnings("removal")
final class ExitTrap {
  private static volatile Integer status;
  private static volatile boolean installed;

  private ExitTrap() {}

  /** Installs the trap; returns whether it could. */
  static synchronized boolean install() {
    if (installed) {
      return true;
    }
    try {
      System.setSecurityManager(
          new SecurityManager() {
            @Override
            public void checkExit(int code) {
              if (status == null) {
                status = code;
              }
            }

            @Override
            public void checkPermission(Permission perm) {}

            @Override
            public void checkPermission(Permission perm, Object context) {}
          });
      installed = true;
    } catch (UnsupportedOperationException | SecurityException e) {
      installed = false;
    }
    return installed;
  }

  /** The status of the first {@code System.exit} call, or null when none was trapped. */
  static Integer exitStatus() {
    return status;
  }
}
