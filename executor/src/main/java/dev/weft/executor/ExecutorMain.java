package dev.weft.executor;

import dev.weft.executor.remote.ExecutorRuntime;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The main class of executor processes (YARN containers): {@code ExecutorMain --driver host:port
 * --app-id ID --executor-id ID --host HOST --cores N [--rack RACK]}, the arguments of {@link
 * ExecutorLaunch#arguments()}. The application's secret comes from the container's Hadoop
 * credentials ({@link ExecutorLaunch#SECRET_ALIAS}), the local dirs from {@code LOCAL_DIRS} (one
 * subdirectory per executor; java.io.tmpdir when unset), the shuffle host from {@code NM_HOST}
 * (else {@code --host}). Exits 0 when the driver stops it, non-zero when the driver vanished or
 * start-up failed.
 */
public final class ExecutorMain {
  private static final Logger LOG = LogManager.getLogger(ExecutorMain.class);
  private static final Set<String> OPTIONS =
      Set.of(
          "--driver",
          "--app-id",
          "--executor-id",
          "--host",
          "--cores",
          "--rack",
          "--driver-encryption");

  /** Exit code of a start-up failure (bad arguments, no secret, registration refused). */
  public static final int EXIT_START_FAILED = 1;

  private ExecutorMain() {}

  public static void main(String[] args) {
    // Fail-stop: an OutOfMemoryError on a thread other than a task's (which reports first, see
    // ExecutorRuntime) leaves the JVM in an unknown state, so the process ends at once.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (error instanceof OutOfMemoryError) {
            System.err.println("ExecutorMain: thread " + thread.getName() + " ran out of memory");
            Runtime.getRuntime().halt(ExecutorRuntime.EXIT_OUT_OF_MEMORY);
          }
          LOG.error("Uncaught exception in thread {}", thread.getName(), error);
        });
    int code;
    try {
      ExecutorLaunch launch = parse(args);
      byte[] secret = ContainerSecret.read(System.getenv(ContainerSecret.TOKEN_FILE_ENV));
      File root = new File(System.getProperty("java.io.tmpdir"));
      List<File> dirs = localDirs(System.getenv("LOCAL_DIRS"), root, launch.executorId());
      String nmHost = System.getenv("NM_HOST");
      String shuffleHost = nmHost != null && !nmHost.isBlank() ? nmHost : launch.host();
      // This process is the executor's own: an injected kill (weft.faults.killExecutor) halts it.
      code = ExecutorRuntime.start(launch, secret, dirs, shuffleHost, true).awaitExit();
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.error("{}", e.getMessage());
      System.err.println("ExecutorMain: " + e.getMessage());
      code = EXIT_START_FAILED;
    } catch (InterruptedException e) {
      code = EXIT_START_FAILED;
    }
    if (code == ExecutorRuntime.EXIT_OUT_OF_MEMORY) {
      Runtime.getRuntime().halt(code); // shutdown hooks could need the memory that ran out
    }
    System.exit(code);
  }

  /**
   * Runs an executor until its driver stops it or goes away; what {@link #main} does once it has
   * its inputs, callable in-process.
   *
   * @param localDirRoots this executor's own directories
   * @return {@link ExecutorRuntime#EXIT_STOPPED} after the driver's stop message, {@link
   *     ExecutorRuntime#EXIT_DRIVER_LOST} when the driver vanished
   * @throws IllegalStateException with a one-line reason when the executor cannot start
   */
  public static int run(
      ExecutorLaunch launch, byte[] secret, List<File> localDirRoots, String shuffleHost)
      throws InterruptedException {
    return ExecutorRuntime.start(launch, secret, localDirRoots, shuffleHost).awaitExit();
  }

  /**
   * Parses {@link ExecutorLaunch#arguments()}.
   *
   * @throws IllegalArgumentException naming the argument that is missing, unknown or malformed
   */
  public static ExecutorLaunch parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException(
            "unknown argument '" + args[i] + "'; expected one of " + OPTIONS);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("argument " + args[i] + " needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
    String driver = required(values, "--driver");
    int colon = driver.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--driver expects host:port, found '" + driver + "'");
    }
    int port = number("--driver port", driver.substring(colon + 1));
    int cores = number("--cores", required(values, "--cores"));
    if (cores < 1 || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "expected --cores of at least 1 and a driver port in 1..65535, found "
              + cores
              + " and "
              + port);
    }
    return new ExecutorLaunch(
        new DriverAddress(
            driver.substring(0, colon),
            port,
            required(values, "--app-id"),
            bool("--driver-encryption", values.getOrDefault("--driver-encryption", "false"))),
        required(values, "--executor-id"),
        required(values, "--host"),
        values.get("--rack"),
        cores);
  }

  private static String required(Map<String, String> values, String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing argument " + name);
    }
    return v;
  }

  private static boolean bool(String name, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(name + " expects true or false, found '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects an integer, found '" + value + "'");
    }
  }

  /**
   * One directory per root for this executor: the roots of {@code localDirsEnv} (comma-separated,
   * YARN's application dirs), or {@code fallback} when it is unset.
   */
  public static List<File> localDirs(String localDirsEnv, File fallback, String executorId) {
    List<File> roots = new ArrayList<>();
    if (localDirsEnv != null) {
      for (String d : localDirsEnv.split(",")) {
        if (!d.isBlank()) {
          roots.add(new File(d.trim()));
        }
      }
    }
    if (roots.isEmpty()) {
      roots.add(fallback);
    }
    List<File> dirs = new ArrayList<>();
    for (File root : roots) {
      dirs.add(new File(root, "weft-executor-" + executorId));
    }
    return dirs;
  }
}
