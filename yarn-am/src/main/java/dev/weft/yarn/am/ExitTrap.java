package dev.weft.yarn.am;

import java.security.Permission;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers the status of a {@code System.exit} call, so the ApplicationMaster's shutdown hook can
 * tell a user's {@code System.exit(0)} from a failure and unregister with the right final status.
 *
 * <p>Java offers no API to read the status. On Java 21 and later, {@code Runtime.exit} logs each
 * call, with its status, to the platform logger {@code java.lang.Runtime} at level {@code DEBUG}
 * before the shutdown hooks run (JDK-8301627); with no other {@code System.LoggerFinder} installed
 * that logger is {@code java.util.logging}'s, which the trap listens to. This needs no security
 * manager, which Java 24 removed (JEP 486: a JVM started with {@code -Djava.security.manager=allow}
 * no longer starts). On Java 17 to 20 the trap is a permissive security manager, which Java 17
 * installs (with a deprecation warning) and 18 to 20 refuse without that flag; when neither way
 * works, exits are not trapped and the hook leaves the outcome to YARN.
 */
@SuppressWarnings("removal")
final class ExitTrap {
  /** The first Java release whose {@code Runtime.exit} logs its status. */
  static final int LOGGED_EXIT_RELEASE = 21;

  private static final String RUNTIME_LOGGER = "java.lang.Runtime";
  private static final Pattern STATUS = Pattern.compile("\\((-?\\d+)\\)|status: (-?\\d+)");

  private static volatile Integer status;
  private static volatile boolean installed;

  // java.util.logging keeps loggers weakly: the trap's logger must stay configured.
  private static Logger runtimeLogger;

  private ExitTrap() {}

  /** Installs the trap; returns whether it could. */
  static synchronized boolean install() {
    if (!installed) {
      installed =
          Runtime.version().feature() >= LOGGED_EXIT_RELEASE
              ? listenToRuntimeExitLog()
              : installSecurityManager();
    }
    return installed;
  }

  /** The status of the first {@code System.exit} call, or null when none was trapped. */
  static Integer exitStatus() {
    return status;
  }

  /**
   * Records the status found in a log record of {@code Runtime.exit}; package-private for tests.
   */
  static void recordExitLog(LogRecord record) {
    Integer found = null;
    if (record.getThrown() != null) {
      found = parseStatus(record.getThrown().getMessage());
    }
    if (found == null) {
      found = parseStatus(record.getMessage());
    }
    if (found != null && status == null) {
      status = found;
    }
  }

  private static Integer parseStatus(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = STATUS.matcher(text);
    if (!m.find()) {
      return null;
    }
    return Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private static boolean listenToRuntimeExitLog() {
    System.Logger platform = System.getLogger(RUNTIME_LOGGER);
    Logger logger = Logger.getLogger(RUNTIME_LOGGER);
    logger.setLevel(Level.FINE);
    logger.setUseParentHandlers(false); // the call itself is no news to the AM's log
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            recordExitLog(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    runtimeLogger = logger;
    // With another LoggerFinder (a logging bridge on the classpath) the JUL logger is not the one
    // Runtime.exit writes to; then the trap would see nothing.
    return platform.isLoggable(System.Logger.Level.DEBUG);
  }

  private static boolean installSecurityManager() {
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
      return true;
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
