package dev.weft.client;

import dev.weft.core.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code yarn-submit}: runs a Weft application, with the options a {@code spark-submit} user knows.
 * The local masters ({@code local}, {@code local[N]}, {@code local[*]}) run it in the launcher's
 * JVM; {@code yarn} submits it to the cluster of {@code HADOOP_CONF_DIR} / {@code YARN_CONF_DIR}
 * and follows it to its end ({@link YarnLauncher}); {@code embedded} does the same on an in-process
 * HDFS and YARN ({@link EmbeddedMaster}). {@code --status} and {@code --kill} act on an application
 * of the cluster.
 *
 * <p>Everything is checked before the application starts: options, configuration, the jar, the main
 * class. A user error prints one line on stderr and exits with {@link #EXIT_USAGE}; an application
 * that throws (or a YARN application that FAILED) prints {@code Job failed: <cause>} and exits with
 * {@link #EXIT_JOB_FAILED}; a KILLED application exits with {@link #EXIT_KILLED}.
 */
public final class YarnSubmit {
  /** The application ran and its main method returned. */
  public static final int EXIT_OK = 0;

  /** The application's main method threw. */
  public static final int EXIT_JOB_FAILED = 1;

  /** A usage or configuration error; the application did not start. */
  public static final int EXIT_USAGE = 2;

  /** The YARN application was killed. */
  public static final int EXIT_KILLED = 3;

  /** Environment variable of the Weft installation, whose {@code conf/} holds the defaults. */
  static final String WEFT_HOME_ENV = "WEFT_HOME";

  private final Path confDir;
  private final Map<String, String> env;

  /**
   * @param confDir the directory of {@code weft-defaults.properties}, or null for none
   */
  YarnSubmit(Path confDir) {
    this(confDir, System.getenv());
  }

  /**
   * @param confDir the directory of {@code weft-defaults.properties}, or null for none
   * @param env the environment ({@code HADOOP_CONF_DIR}, {@code YARN_CONF_DIR}, {@code WEFT_HOME})
   */
  YarnSubmit(Path confDir, Map<String, String> env) {
    this.confDir = confDir;
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs {@code yarn-submit} with {@code args}, reading defaults from {@code $WEFT_HOME/conf}.
   *
   * @return the process exit code: {@link #EXIT_OK}, {@link #EXIT_JOB_FAILED}, {@link #EXIT_USAGE}
   *     or {@link #EXIT_KILLED}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String home = System.getenv(WEFT_HOME_ENV);
    Path confDir = home == null || home.isEmpty() ? null : Path.of(home, "conf");
    return new YarnSubmit(confDir).execute(args, out, err);
  }

  /** Like {@link #run} with this launcher's configuration directory. */
  int execute(String[] args, PrintStream out, PrintStream err) {
    SubmitOptions options = new SubmitOptions();
    CommandLine cmd =
        new CommandLine(options).setStopAtPositional(true).setOverwrittenOptionsAllowed(true);
    try {
      cmd.parseArgs(args);
    } catch (ParameterException e) {
      err.println(firstLine(e.getMessage()) + " (see yarn-submit --help)");
      return EXIT_USAGE;
    }
    if (cmd.isUsageHelpRequested()) {
      cmd.usage(out);
      return EXIT_OK;
    }
    if (cmd.isVersionHelpRequested()) {
      cmd.printVersionHelp(out);
      return EXIT_OK;
    }
    try {
      return submit(options, out, err);
    } catch (SubmitException e) {
      err.println(e.getMessage());
      if (options.verbose && e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      return e.exitCode();
    }
  }

  private int submit(SubmitOptions options, PrintStream out, PrintStream err)
      throws SubmitException {
    if (options.statusAppId != null || options.killAppId != null) {
      return appCommand(options, out);
    }
    checkOptionValues(options);
    SubmitConf conf = SubmitConf.resolve(options, confDir, env, workingDir());
    if (options.appJar == null) {
      throw new SubmitException(
          "Missing application jar: yarn-submit [options] <app jar> [app args...]"
              + " (see yarn-submit --help)");
    }
    AppClasspath classpath = AppClasspath.of(options.appJar, options.jars);
    String mainClass = options.mainClass != null ? options.mainClass : manifestMain(classpath);
    if (options.verbose) {
      printPlan(options, conf, classpath, mainClass, err);
    }
    if (!conf.isLocal()) {
      checkMainClass(classpath, mainClass, err);
      return new YarnLauncher(env, out, err).run(options, conf, classpath, mainClass);
    }
    return runLocal(options, conf, classpath, mainClass, err);
  }

  private int appCommand(SubmitOptions options, PrintStream out) throws SubmitException {
    if (options.statusAppId != null && options.killAppId != null) {
      throw new SubmitException("--status and --kill cannot be combined: give one of them");
    }
    String option = options.statusAppId != null ? "--status" : "--kill";
    String appId = options.statusAppId != null ? options.statusAppId : options.killAppId;
    if (options.appJar != null) {
      throw new SubmitException(
          option + " takes no application jar (got '" + options.appJar + "')");
    }
    SubmitConf conf = SubmitConf.resolve(options, confDir, env, workingDir());
    if (options.master == null && Masters.confDirs(env).isEmpty()) {
      ClusterConf.fromEnvironment(env, option); // says which variable is missing
    }
    if (!Masters.YARN.equals(conf.master())) {
      throw new SubmitException(
          option
              + " acts on an application of a YARN cluster (HADOOP_CONF_DIR or YARN_CONF_DIR);"
              + " master "
              + conf.master()
              + (Masters.EMBEDDED.equals(conf.master())
                  ? " makes no sense here: an embedded cluster lives only as long as the yarn-submit"
                      + " that runs its application"
                  : " has no applications to look up"));
    }
    return new YarnLauncher(env, out, System.err)
        .appCommand(option, AppCommands.parseAppId(option, appId), conf);
  }

  private static void checkMainClass(AppClasspath classpath, String mainClass, PrintStream err)
      throws SubmitException {
    URLClassLoader loader = classpath.open(YarnSubmit.class.getClassLoader());
    try {
      MainMethod.find(loader, mainClass, classpath.appJarName());
    } finally {
      close(loader, err);
    }
  }

  private static Path workingDir() {
    return Path.of("").toAbsolutePath();
  }

  private static String manifestMain(AppClasspath classpath) throws SubmitException {
    String main = classpath.manifestMainClass();
    if (main == null) {
      throw new SubmitException(
          "No main class: pass --class, or set Main-Class in the manifest of "
              + classpath.appJarName());
    }
    return main;
  }

  private static void checkOptionValues(SubmitOptions options) throws SubmitException {
    checkAtLeast("--num-executors", options.numExecutors, 1);
    checkAtLeast("--max-app-attempts", options.maxAppAttempts, 1);
    checkAtLeast("--priority", options.priority, 0);
    ProgressMode.of(options.progress, Map.of(), false); // refuses a bad --progress now
    SubmitConf.checkDriverMemory(options.driverMemory);
    AppClasspath.checkLocalFilesExist("--files", options.files);
    AppClasspath.checkLocalFilesExist("--archives", options.archives);
  }

  private static void checkAtLeast(String option, Integer value, int min) throws SubmitException {
    if (value != null && value < min) {
      throw new SubmitException(
          "Invalid value '"
              + value
              + "' for "
              + option
              + ": expected "
              + (min == 0 ? "0 or more" : "a positive integer"));
    }
  }

  private int runLocal(
      SubmitOptions options,
      SubmitConf conf,
      AppClasspath classpath,
      String mainClass,
      PrintStream err)
      throws SubmitException {
    LocalLauncher launcher = new LocalLauncher(conf.systemProperties(mainClass));
    URLClassLoader loader = classpath.open(YarnSubmit.class.getClassLoader());
    Throwable failure;
    try {
      Method main = MainMethod.find(loader, mainClass, classpath.appJarName());
      failure = launcher.run(main, loader, options.appArgs.toArray(new String[0]));
    } finally {
      close(loader, err);
    }
    if (failure == null) {
      return EXIT_OK;
    }
    Throwable root = rootCause(failure);
    if (root instanceof ConfigException) {
      // The job never ran: WeftContext refused its configuration (e.g. too little memory).
      err.println("Configuration error: " + root.getMessage());
      return EXIT_USAGE;
    }
    err.println("Job failed: " + describe(root));
    if (options.verbose) {
      failure.printStackTrace(err);
    }
    return EXIT_JOB_FAILED;
  }

  private static void close(URLClassLoader loader, PrintStream err) {
    try {
      loader.close();
    } catch (IOException e) {
      err.println("Warning: cannot close the application's class loader: " + e.getMessage());
    }
  }

  private static void printPlan(
      SubmitOptions options,
      SubmitConf conf,
      AppClasspath classpath,
      String mainClass,
      PrintStream err) {
    err.println("Master:           " + conf.master());
    err.println("Main class:       " + mainClass);
    err.println("Application jar:  " + classpath.appJar());
    err.println("Extra jars:       " + options.jars);
    err.println("Arguments:        " + options.appArgs);
    err.println("Configuration:");
    for (Map.Entry<String, String> e : conf.systemProperties(mainClass).entrySet()) {
      err.println("  " + e.getKey() + "=" + e.getValue());
    }
    if (!conf.isLocal()) {
      return;
    }
    List<String> ignored = new ArrayList<>();
    addIfSet(ignored, "--queue", options.queue);
    addIfSet(ignored, "--num-executors", options.numExecutors);
    addIfSet(ignored, "--priority", options.priority);
    addIfSet(ignored, "--max-app-attempts", options.maxAppAttempts);
    addIfSet(ignored, "--tags", options.tags.isEmpty() ? null : options.tags);
    addIfSet(ignored, "--progress", options.progress);
    addIfSet(ignored, "--files", options.files.isEmpty() ? null : options.files);
    addIfSet(ignored, "--archives", options.archives.isEmpty() ? null : options.archives);
    addIfSet(ignored, "--principal", options.principal);
    addIfSet(ignored, "--keytab", options.keytab);
    addIfSet(ignored, "--proxy-user", options.proxyUser);
    if (!ignored.isEmpty()) {
      err.println("Not used by master " + conf.master() + " (YARN only): " + ignored);
    }
  }

  private static void addIfSet(List<String> names, String option, Object value) {
    if (value != null) {
      names.add(option);
    }
  }

  /** The innermost cause of {@code t}, stopping at a cycle. */
  static Throwable rootCause(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable root = t;
    while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
      root = root.getCause();
    }
    return root;
  }

  /** {@code class: message}, the message cut to its first line. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + firstLine(message);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
  }
}
