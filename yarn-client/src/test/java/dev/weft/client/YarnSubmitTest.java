package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What {@code yarn-submit} does with its command line: which options it takes, what reaches the
 * application, and the one line it prints for each user error, with its exit code.
 */
public class YarnSubmitTest {
  private static final String NL = System.lineSeparator();

  @ClassRule public static final TemporaryFolder FIXTURES = new TemporaryFolder();

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String appJar;
  private static String manifestJar;
  private static String libJar;

  /** Records its arguments, the weft.* system properties and its context class loader. */
  private static final String ECHO =
      """
      package fixture;

      import java.nio.file.*;
      import java.util.*;

      public class Echo {
        public static void main(String[] args) throws Exception {
          List<String> lines = new ArrayList<>();
          for (int i = 1; i < args.length; i++) {
            lines.add("arg=" + args[i]);
          }
          for (String name : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (name.startsWith("weft.")) {
              lines.add("prop=" + name + "=" + System.getProperty(name));
            }
          }
          boolean own = Thread.currentThread().getContextClassLoader() == Echo.class.getClassLoader();
          lines.add("contextLoader=" + own);
          Files.write(Path.of(args[0]), lines);
        }
      }
      """;

  @BeforeClass
  public static void buildJars() throws IOException {
    Path dir = FIXTURES.getRoot().toPath();
    FixtureJars fixtures =
        FixtureJars.compile(
            dir,
            Map.of(
                "fixture.Echo",
                ECHO,
                "fixture.Failing",
                "package fixture; public class Failing { public static void main(String[] a) {"
                    + " throw new IllegalStateException(\"stage 1 failed\","
                    + " new java.io.FileNotFoundException(\"missing input\")); } }",
                "fixture.TooLittleMemory",
                "package fixture; public class TooLittleMemory { public static void main(String[] a)"
                    + " { new dev.weft.api.WeftContext(new dev.weft.api.WeftConf()).stop(); } }",
                "fixture.NoMain",
                "package fixture; public class NoMain { public static void run(String[] a) {} }",
                "fixture.InstanceMain",
                "package fixture; public class InstanceMain { public void main(String[] a) {} }",
                "fixture.UsesLib",
                "package fixture; public class UsesLib { public static void main(String[] a)"
                    + " throws Exception { java.nio.file.Files.writeString("
                    + "java.nio.file.Path.of(a[0]), lib.Helper.greeting()); } }",
                "lib.Helper",
                "package lib; public class Helper { public static String greeting() {"
                    + " return \"hello from lib\"; } }"));
    appJar = fixtures.jar(dir.resolve("app.jar"), "fixture", null).toString();
    manifestJar = fixtures.jar(dir.resolve("manifest.jar"), "fixture", "fixture.Echo").toString();
    libJar = fixtures.jar(dir.resolve("lib.jar"), "lib", null).toString();
  }

  // ---- running an application ----

  @Test
  public void runsTheMainClassWithTheArgumentsAfterTheJar() throws IOException {
    Path record = tmp.getRoot().toPath().resolve("record");

    Result r =
        submitLocal(
            "--class", "fixture.Echo", appJar, record.toString(), "--verbose", "x", "--master");

    assertEquals(0, r.exitCode);
    assertEquals("", r.err);
    assertEquals(List.of("--verbose", "x", "--master"), Echoed.read(record).args);
  }

  @Test
  public void passesTheResolvedConfigurationAsWeftSystemProperties() throws IOException {
    Path record = tmp.getRoot().toPath().resolve("record");

    Result r =
        submit(
            "--master",
            "local[2]",
            "--name",
            "nightly",
            "--executor-memory",
            "2g",
            "--executor-cores",
            "3",
            "--conf",
            "weft.task.maxFailures=2",
            "--conf",
            "fs.defaultFS=file:///",
            "--class",
            "fixture.Echo",
            appJar,
            record.toString());

    assertEquals(r.err, 0, r.exitCode);
    Map<String, String> expected = new TreeMap<>();
    expected.put("weft.app.name", "nightly");
    expected.put("weft.executor.cores", "3");
    expected.put("weft.executor.memory", "2g");
    expected.put("weft.hadoop.fs.defaultFS", "file:///");
    expected.put("weft.master", "local[2]");
    expected.put("weft.task.maxFailures", "2");
    assertEquals(expected, Echoed.read(record).propsSetBySubmit());
  }

  @Test
  public void nameDefaultsToTheMainClass() throws IOException {
    Path record = tmp.getRoot().toPath().resolve("record");

    submitLocal("--class", "fixture.Echo", appJar, record.toString());

    assertEquals("fixture.Echo", Echoed.read(record).props.get("weft.app.name"));
  }

  @Test
  public void restoresSystemPropertiesAfterTheApplication() {
    Path record = tmp.getRoot().toPath().resolve("record");

    submit("--master", "local[3]", "--class", "fixture.Echo", appJar, record.toString());

    assertNull(System.getProperty("weft.master"));
    assertNull(System.getProperty("weft.app.name"));
  }

  @Test
  public void theApplicationJarIsTheContextClassLoader() throws IOException {
    Path record = tmp.getRoot().toPath().resolve("record");

    submitLocal("--class", "fixture.Echo", appJar, record.toString());

    assertTrue(Echoed.read(record).contextLoaderIsOwn);
  }

  @Test
  public void jarsAreOnTheApplicationsClasspath() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("greeting");

    Result r = submitLocal("--jars", libJar, "--class", "fixture.UsesLib", appJar, out.toString());

    assertEquals(r.err, 0, r.exitCode);
    assertEquals("hello from lib", Files.readString(out));
  }

  @Test
  public void withoutClassTheManifestMainClassRuns() throws IOException {
    Path record = tmp.getRoot().toPath().resolve("record");

    Result r = submitLocal(manifestJar, record.toString(), "a");

    assertEquals(r.err, 0, r.exitCode);
    assertEquals(List.of("a"), Echoed.read(record).args);
  }

  @Test
  public void defaultsFileIsOverriddenByConfWhichIsOverriddenByDedicatedOptions()
      throws IOException {
    Path conf = tmp.newFolder("conf").toPath();
    Files.writeString(
        conf.resolve(SubmitConf.DEFAULTS_FILE),
        "weft.executor.memory=3g\nweft.task.maxFailures=7\nweft.executor.cores=5\n");
    Path record = tmp.getRoot().toPath().resolve("record");

    Result r =
        submitWithConf(
            conf,
            "--master",
            "local[*]",
            "--conf",
            "weft.executor.memory=4g",
            "--conf",
            "weft.executor.cores=6",
            "--executor-cores",
            "8",
            "--class",
            "fixture.Echo",
            appJar,
            record.toString());

    assertEquals(r.err, 0, r.exitCode);
    Map<String, String> props = Echoed.read(record).props;
    assertEquals("7", props.get("weft.task.maxFailures"));
    assertEquals("4g", props.get("weft.executor.memory"));
    assertEquals("8", props.get("weft.executor.cores"));
  }

  @Test
  public void verbosePrintsTheResolvedConfiguration() {
    Path record = tmp.getRoot().toPath().resolve("record");

    Result r =
        submitLocal(
            "--verbose", "--queue", "etl", "--class", "fixture.Echo", appJar, record.toString());

    assertEquals(0, r.exitCode);
    assertTrue(r.err, r.err.contains("Master:           local[*]"));
    assertTrue(r.err, r.err.contains("  weft.master=local[*]"));
    assertTrue(r.err, r.err.contains("Not used by master local[*] (YARN only): [--queue]"));
  }

  @Test
  public void helpShowsTheOptionsAndTheDefaultMaster() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = YarnSubmit.run(new String[] {"--help"}, print(out), print(err));

    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    for (String option :
        List.of(
            "--master",
            "--class",
            "--name",
            "--queue",
            "--num-executors",
            "--executor-memory",
            "--executor-cores",
            "--driver-memory",
            "--jars",
            "--files",
            "--archives",
            "--conf",
            "--tags",
            "--priority",
            "--max-app-attempts",
            "--status",
            "--kill",
            "--progress",
            "--verbose",
            "--help",
            "--version")) {
      assertTrue(option + " in " + help, help.contains(option));
    }
    assertTrue(help, help.contains("Default: yarn when HADOOP_CONF_DIR or YARN_CONF_DIR"));
  }

  @Test
  public void versionNamesTheWeftVersion() {
    Result r = submit("--version");

    assertEquals(0, r.exitCode);
    assertTrue(r.out, r.out.startsWith("Weft " + WeftVersion.get() + NL));
    assertFalse(r.out, r.out.contains("${"));
  }

  // ---- the application fails ----

  @Test
  public void aThrowingApplicationPrintsItsRootCauseOnOneLineAndExitsWithOne() {
    Result r = submitLocal("--class", "fixture.Failing", appJar);

    assertEquals(1, r.exitCode);
    assertEquals("Job failed: java.io.FileNotFoundException: missing input" + NL, r.err);
  }

  @Test
  public void verboseAddsTheStackTraceOfAFailure() {
    Result r = submitLocal("--verbose", "--class", "fixture.Failing", appJar);

    assertEquals(1, r.exitCode);
    assertTrue(r.err, r.err.contains("Job failed: java.io.FileNotFoundException: missing input"));
    assertTrue(r.err, r.err.contains("fixture.Failing.main(Failing.java"));
  }

  @Test
  public void aConfigurationTheEngineRefusesIsAConfigurationErrorNotAJobFailure() {
    Result r =
        submit(
            "--master",
            "local[1]",
            "--executor-memory",
            "64m",
            "--class",
            "fixture.TooLittleMemory",
            appJar);

    assertEquals(2, r.exitCode);
    assertTrue(
        r.err, r.err.startsWith("Configuration error: Executor heap 64m is below the minimum"));
    assertEquals(r.err, 1, r.err.split(NL).length);
  }

  // ---- one-line user errors, exit code 2 ----

  @Test
  public void missingApplicationJar() {
    String missing = tmp.getRoot().toPath().resolve("nope.jar").toString();

    assertUsageError("Application jar not found: " + missing, "--class", "x.Y", missing);
  }

  @Test
  public void noApplicationJarArgument() {
    assertUsageError(
        "Missing application jar: yarn-submit [options] <app jar> [app args...]"
            + " (see yarn-submit --help)",
        "--class",
        "x.Y");
  }

  @Test
  public void applicationJarThatIsNotAJar() throws IOException {
    Path notJar = tmp.newFile("notes.jar").toPath();
    Files.writeString(notJar, "not a zip");

    Result r = submit("--class", "x.Y", notJar.toString());

    assertEquals(2, r.exitCode);
    assertTrue(r.err, r.err.startsWith("Application jar is not a readable jar: " + notJar + " ("));
    assertEquals(1, r.err.split(NL).length);
  }

  @Test
  public void mainClassMissingFromTheJar() {
    assertUsageError(
        "Main class fixture.Nope not found in " + appJar, "--class", "fixture.Nope", appJar);
  }

  @Test
  public void classWithoutMain() {
    assertUsageError(
        "Main class fixture.NoMain in " + appJar + " has no public static void main(String[])",
        "--class",
        "fixture.NoMain",
        appJar);
  }

  @Test
  public void classWithAnInstanceMain() {
    assertUsageError(
        "Main class fixture.InstanceMain in "
            + appJar
            + " has no public static void main(String[])",
        "--class",
        "fixture.InstanceMain",
        appJar);
  }

  @Test
  public void noClassAndNoManifestMainClass() {
    assertUsageError(
        "No main class: pass --class, or set Main-Class in the manifest of " + appJar, appJar);
  }

  @Test
  public void progressModeThatDoesNotExist() {
    assertUsageError(
        "Invalid value 'fancy' for --progress: expected bar, lines or none",
        "--progress=fancy",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void confWithoutEquals() {
    assertUsageError(
        "Invalid --conf 'weft.master': expected key=value",
        "--conf",
        "weft.master",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void confWithAnUnknownWeftKey() {
    assertUsageError(
        "Unknown configuration key 'weft.executor.memroy' (did you mean 'weft.executor.memory'?);"
            + " see docs/configuration.md for the keys Weft knows"
            + " (from --conf weft.executor.memroy=2g)",
        "--conf",
        "weft.executor.memroy=2g",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void confWithAMalformedValue() {
    assertUsageError(
        "Invalid value 'lots' for configuration key 'weft.task.maxFailures': expected an integer"
            + " (from --conf weft.task.maxFailures=lots)",
        "--conf",
        "weft.task.maxFailures=lots",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void dedicatedOptionWithAMalformedValue() {
    assertUsageError(
        "Invalid value '2 gigs' for configuration key 'weft.executor.memory': expected a size"
            + " such as 512k, 64m or 2g (from --executor-memory)",
        "--executor-memory",
        "2 gigs",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void unknownMaster() {
    assertUsageError(
        "Invalid value 'mesos' for configuration key 'weft.master': expected local, local[N],"
            + " local[*], yarn or embedded (from --master)",
        "--master",
        "mesos",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void badEntryInTheDefaultsFileNamesTheFile() throws IOException {
    Path conf = tmp.newFolder("conf").toPath();
    Path defaults = conf.resolve(SubmitConf.DEFAULTS_FILE);
    Files.writeString(defaults, "weft.locality.wait=soon\n");

    Result r = submitWithConf(conf, "--class", "fixture.Echo", appJar);

    assertEquals(2, r.exitCode);
    assertEquals(
        "Invalid value 'soon' for configuration key 'weft.locality.wait': expected a duration"
            + " such as 100ms, 3s or 5min (in "
            + defaults
            + ")"
            + NL,
        r.err);
  }

  @Test
  public void unknownOption() {
    assertUsageError(
        "Unknown option: '--executor-memroy' (see yarn-submit --help)",
        "--executor-memroy",
        "2g",
        appJar);
  }

  @Test
  public void numExecutorsMustBePositive() {
    assertUsageError(
        "Invalid value '0' for --num-executors: expected a positive integer",
        "--num-executors",
        "0",
        appJar);
  }

  @Test
  public void numExecutorsMustBeANumber() {
    assertUsageError(
        "Invalid value for option '--num-executors': 'many' is not an int"
            + " (see yarn-submit --help)",
        "--num-executors",
        "many",
        appJar);
  }

  @Test
  public void driverMemoryMustBeASize() {
    assertUsageError(
        "Invalid value 'lots' for --driver-memory: expected a size such as 512k, 64m or 2g",
        "--driver-memory",
        "lots",
        appJar);
  }

  @Test
  public void jarsThatDoNotExist() {
    assertUsageError(
        "Jar of --jars not found: missing-lib.jar",
        "--jars",
        libJar + ",missing-lib.jar",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void filesThatDoNotExist() {
    assertUsageError(
        "File of --files not found: no-such-file.txt", "--files", "no-such-file.txt", appJar);
  }

  // ---- the YARN masters: one-line errors before anything reaches a cluster ----

  @Test
  public void statusNeedsTheClustersConfiguration() {
    assertUsageError(
        "--status needs HADOOP_CONF_DIR or YARN_CONF_DIR: the directory of the cluster's"
            + " core-site.xml and yarn-site.xml",
        "--status",
        "application_1_0001");
  }

  @Test
  public void killOfAnEmbeddedApplicationMakesNoSense() {
    Result r = submit("--master", "embedded", "--kill", "application_1_0001");

    assertEquals(2, r.exitCode);
    assertTrue(r.err, r.err.startsWith("--kill acts on an application of a YARN cluster"));
    assertTrue(r.err, r.err.contains("master embedded makes no sense here"));
    assertEquals(1, r.err.split(NL).length);
  }

  @Test
  public void statusWithAMalformedApplicationId() throws IOException {
    Path hadoop = hadoopConfDir("http://localhost:1");

    Result r = submitWithEnv(Map.of("HADOOP_CONF_DIR", hadoop.toString()), "--status", "app_7");

    assertEquals(2, r.exitCode);
    assertEquals(
        "Invalid application id 'app_7' for --status: expected application_<cluster timestamp>_"
            + "<number>, e.g. application_1700000000000_0001"
            + NL,
        r.err);
  }

  @Test
  public void statusAndKillTogether() {
    assertUsageError(
        "--status and --kill cannot be combined: give one of them",
        "--status",
        "application_1_0001",
        "--kill",
        "application_1_0001");
  }

  @Test
  public void yarnMasterWithoutHadoopConfiguration() {
    assertUsageError(
        "--master yarn needs HADOOP_CONF_DIR or YARN_CONF_DIR: the directory of the cluster's"
            + " core-site.xml and yarn-site.xml",
        "--master",
        "yarn",
        "--class",
        "fixture.Echo",
        appJar);
  }

  @Test
  public void hadoopConfDirWithoutSiteFiles() throws IOException {
    Path empty = tmp.newFolder("empty-conf").toPath();

    Result r =
        submitWithEnv(
            Map.of("HADOOP_CONF_DIR", empty.toString()), "--class", "fixture.Echo", appJar);

    assertEquals(2, r.exitCode);
    assertTrue(r.err, r.err.startsWith("No core-site.xml, hdfs-site.xml or yarn-site.xml in"));
    assertEquals(1, r.err.split(NL).length);
  }

  @Test
  public void yarnChecksTheMainClassBeforeContactingTheCluster() throws IOException {
    Path hadoop = hadoopConfDir("localhost:1");

    Result r =
        submitWithEnv(
            Map.of("HADOOP_CONF_DIR", hadoop.toString()), "--class", "com.acme.Missing", appJar);

    assertEquals(2, r.exitCode);
    assertEquals("Main class com.acme.Missing not found in " + appJar + NL, r.err);
  }

  @Test
  public void anUnreachableResourceManagerIsOneLineNamingItsAddress() throws IOException {
    Path hadoop = hadoopConfDir("localhost:1");

    Result r =
        submitWithEnv(
            Map.of("HADOOP_CONF_DIR", hadoop.toString()),
            "--conf",
            "yarn.resourcemanager.connect.max-wait.ms=500",
            "--conf",
            "yarn.resourcemanager.connect.retry-interval.ms=100",
            "--class",
            "fixture.Echo",
            appJar);

    assertEquals(r.err, 2, r.exitCode);
    assertTrue(r.err, r.err.startsWith("Cannot reach the YARN ResourceManager at localhost:1 ("));
    assertEquals(r.err, 1, r.err.split(NL).length);
  }

  private Path hadoopConfDir(String rmAddress) throws IOException {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("yarn-site.xml"),
        "<configuration><property><name>yarn.resourcemanager.address</name><value>"
            + rmAddress
            + "</value></property></configuration>");
    Files.writeString(
        dir.resolve("core-site.xml"),
        "<configuration><property><name>fs.defaultFS</name><value>file:///</value>"
            + "</property></configuration>");
    return dir;
  }

  private static Result submitWithEnv(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new YarnSubmit(null, env).execute(args, print(out), print(err));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  // ---- helpers ----

  private void assertUsageError(String expectedLine, String... args) {
    Result r = submit(args);
    assertEquals(expectedLine + NL, r.err);
    assertEquals(2, r.exitCode);
    assertEquals("", r.out);
  }

  private static Result submit(String... args) {
    return submitWithConf(null, args);
  }

  /** Runs on local[*]: the default master of a machine without Hadoop configuration is embedded. */
  private static Result submitLocal(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--master";
    all[1] = "local[*]";
    System.arraycopy(args, 0, all, 2, args.length);
    return submit(all);
  }

  private static Result submitWithConf(Path confDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // No HADOOP_CONF_DIR / YARN_CONF_DIR, whatever the machine running the tests has.
    int code = new YarnSubmit(confDir, Map.of()).execute(args, print(out), print(err));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private record Result(int exitCode, String out, String err) {}

  /** What fixture.Echo recorded. */
  private record Echoed(List<String> args, Map<String, String> props, boolean contextLoaderIsOwn) {
    static Echoed read(Path record) throws IOException {
      List<String> args = new ArrayList<>();
      Map<String, String> props = new TreeMap<>();
      boolean own = false;
      for (String line : Files.readAllLines(record)) {
        if (line.startsWith("arg=")) {
          args.add(line.substring(4));
        } else if (line.startsWith("prop=")) {
          String[] kv = line.substring(5).split("=", 2);
          props.put(kv[0], kv[1]);
        } else if (line.startsWith("contextLoader=")) {
          own = Boolean.parseBoolean(line.substring(14));
        }
      }
      return new Echoed(args, props, own);
    }

    /**
     * The properties the launcher set: without those the test JVM already had (Maven passes its own
     * -D options, e.g. weftTarget, to the test JVM), which the launcher leaves alone.
     */
    Map<String, String> propsSetBySubmit() {
      Map<String, String> set = new TreeMap<>(props);
      set.keySet().removeIf(name -> System.getProperty(name) != null);
      return set;
    }
  }
}
