package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.weft.it.apps.AmRestartJob;
import dev.weft.it.apps.BigExecutorsJob;
import dev.weft.it.apps.CountLinesJob;
import dev.weft.it.apps.ExecutorLossJob;
import dev.weft.it.apps.MapOutputLossJob;
import dev.weft.it.apps.SleepingJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The failures a YARN cluster has every day, on a MiniYARNCluster: an ApplicationMaster that dies
 * mid-job, an executor killed mid-shuffle, a map output file deleted or corrupted on disk, and
 * executor containers that YARN cannot grant. Jobs end with their exact result, or fail with a
 * message that says why instead of hanging.
 */
public class YarnFaultToleranceIT {
  private static final long TIMEOUT_SECONDS = 300;
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");

  /** A queue whose capacity holds the ApplicationMaster but no executor. */
  private static final String TINY_QUEUE = "tiny";

  private static YarnTestCluster cluster;
  private static YarnClient yarn;
  private static Path appJar;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void startCluster() throws Exception {
    assumeTrue(
        "bin/yarn-submit runs the jars under target/; this build writes elsewhere",
        YarnSubmitProcess.runtimeBuiltHere());
    YarnSubmitProcess.assertRuntimeBuilt();
    String queues = "yarn.scheduler.capacity.root.";
    cluster =
        YarnTestCluster.start(
            YarnFaultToleranceIT.class,
            Map.of(
                queues + "queues", "default," + TINY_QUEUE,
                queues + "default.capacity", "90",
                // One application may still use the whole cluster.
                queues + "default.user-limit-factor", "2",
                // 10% of 2 x 1024 MB. The capacity scheduler grants a queue containers while it
                // uses less than its maximum, so the AM (384 MB) gets one, executors none.
                queues + TINY_QUEUE + ".capacity", "10",
                queues + TINY_QUEUE + ".maximum-capacity", "10",
                queues + TINY_QUEUE + ".maximum-am-resource-percent", "1.0"));
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.yarnConf());
    yarn.start();
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("weftTestDir", "target")), "apps");
    appJar =
        AppJar.build(
            dir.resolve("fault-apps.jar"),
            AmRestartJob.class,
            ExecutorLossJob.class,
            MapOutputLossJob.class,
            BigExecutorsJob.class,
            SleepingJob.class,
            CountLinesJob.class);
  }

  @AfterClass
  public static void stopCluster() throws Exception {
    if (yarn != null) {
      yarn.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  public void aSecondAttemptFinishesTheJobWhenTheFirstApplicationMasterDiesMidJob()
      throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    String out = "/am-restart/out";
    try (YarnSubmitProcess p =
        start(
            List.of("--class", AmRestartJob.class.getName(), "--max-app-attempts", "2"),
            out,
            shared.toString())) {
      awaitFile(shared.resolve("attempt1-left"), p);
      String appId = appIdOf(p.output());
      List<ProcessHandle> firstExecutors = executorProcesses(appId);
      assertFalse("executors of the first attempt", firstExecutors.isEmpty());
      for (ProcessHandle e : firstExecutors) {
        // They lost their driver: they exit (or YARN ends their containers) and never serve the
        // second attempt.
        e.onExit().get(120, TimeUnit.SECONDS);
      }

      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      assertTrue(p.output(), p.output().contains(appId + ": attempt 1 ended, YARN runs attempt 2"));
      assertFinal(appId, FinalApplicationStatus.SUCCEEDED);
      assertEquals(2, yarn.getApplicationAttempts(ApplicationId.fromString(appId)).size());
    }
    List<String> left = Files.readAllLines(shared.resolve("attempt1-left"));
    assertTrue(
        "the first attempt died with committed partitions: " + left,
        left.stream().anyMatch(f -> f.contains("/committed/task-")));
    assertTrue(
        "the first attempt died with tasks writing: " + left,
        left.stream().anyMatch(f -> f.matches(".*/attempt-\\d{5}-\\d+/part-\\d{5}")));
    assertFalse(Files.exists(shared.resolve("attempt1-done")));
    assertTrue(Files.exists(shared.resolve("attempt2-done")));

    FileSystem fs = cluster.fs();
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
      names.add(s.getPath().getName());
    }
    names.sort(null);
    List<String> expectedNames = new ArrayList<>(List.of("_SUCCESS"));
    for (int i = 0; i < AmRestartJob.PARTITIONS; i++) {
      expectedNames.add(String.format("part-%05d", i));
    }
    assertEquals("nothing of the first attempt remains", expectedNames, names);
    assertEquals(
        IntStream.range(0, AmRestartJob.LINES).mapToObj(i -> "line " + i).toList(),
        readParts(fs, out));
  }

  @Test
  public void aJobWhoseExecutorIsKilledMidShuffleSucceedsWithTheExactResult() throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    String out = "/executor-loss/out";
    try (YarnSubmitProcess p =
        start(List.of("--class", ExecutorLossJob.class.getName()), out, shared.toString())) {
      awaitFile(shared.resolve("middle-stage-running"), p);
      String appId = appIdOf(p.output());
      List<ProcessHandle> executors = executorProcesses(appId);
      assertEquals("executors of " + appId, 2, executors.size());
      Set<Long> before = new HashSet<>();
      executors.forEach(e -> before.add(e.pid()));
      ProcessHandle victim = executors.get(0);
      assertTrue("SIGKILL sent to " + victim.pid(), victim.destroyForcibly());
      victim.onExit().get(30, TimeUnit.SECONDS);

      awaitReplacementExecutor(appId, before, p);
      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      assertFinal(appId, FinalApplicationStatus.SUCCEEDED);
    }
    Map<Long, Long> expected = new TreeMap<>();
    for (long i = 0; i < ExecutorLossJob.NUMBERS; i++) {
      expected.merge(i % 10, i, Long::sum);
    }
    Map<Long, Long> sums = new TreeMap<>();
    for (String line : readParts(cluster.fs(), out)) {
      String[] f = line.split("\t");
      assertEquals(
          "one line per key: " + line, null, sums.put(Long.valueOf(f[0]), Long.valueOf(f[1])));
    }
    assertEquals(expected, sums);
    String report = Files.readString(shared.resolve("report"));
    int lost = Integer.parseInt(report.strip().substring("lostTasks=".length()));
    assertTrue("tasks of the killed executor were running: " + report, lost >= 1);
  }

  @Test
  public void aDeletedMapOutputFileFailsTheFetchAndOnlyItsMapTaskRunsAgain() throws Exception {
    String report = runDamagingOneMapOutput(Files::delete);
    assertMapOneRecomputedAlone(report);
  }

  @Test
  public void aCorruptedMapOutputFileFailsTheChecksumAndOnlyItsMapTaskRunsAgain() throws Exception {
    String report =
        runDamagingOneMapOutput(
            file -> {
              try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long middle = raf.length() / 2;
                raf.seek(middle);
                int b = raf.read();
                raf.seek(middle);
                raf.write(b ^ 0xff);
              }
            });
    assertMapOneRecomputedAlone(report);
  }

  @Test
  public void anApplicationThatGetsNoExecutorContainerFailsSayingWhyInsteadOfWaiting()
      throws Exception {
    try (YarnSubmitProcess p =
        YarnSubmitProcess.run(
            cluster.confDir(),
            tmp.newFile().toPath(),
            TIMEOUT_SECONDS,
            args(
                List.of(
                    "--class",
                    SleepingJob.class.getName(),
                    "--queue",
                    TINY_QUEUE,
                    "--conf",
                    "weft.yarn.executorAllocationTimeout=10s"),
                appJar.toString()))) {
      String output = p.output();
      assertEquals("exit code; output:\n" + output, 1, p.exitCode());
      String expected = "YARN granted no executor container within 10s";
      assertTrue(output, output.contains(expected));
      assertTrue(output, output.contains("queue '" + TINY_QUEUE + "'"));
      ApplicationReport report = assertFinal(appIdOf(output), FinalApplicationStatus.FAILED);
      assertTrue(report.getDiagnostics(), report.getDiagnostics().contains(expected));
    }
  }

  @Test
  public void aCorruptGzipInputFailsTheApplicationWithOneLineNamingTheFile() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 50_000; i++) {
        out.write(("line " + i + " " + Integer.toHexString(i * 7919) + "\n").getBytes());
      }
    }
    byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() * 2 / 3);
    FileSystem fs = cluster.fs();
    try (var out = fs.create(new org.apache.hadoop.fs.Path("/corrupt-gz/in/cut.txt.gz"))) {
      out.write(cut);
    }

    try (YarnSubmitProcess p =
        YarnSubmitProcess.run(
            cluster.confDir(),
            tmp.newFile().toPath(),
            TIMEOUT_SECONDS,
            args(
                List.of(
                    "--class", CountLinesJob.class.getName(), "--conf", "weft.task.maxFailures=1"),
                appJar.toString(),
                "/corrupt-gz/in"))) {
      String output = p.output();
      assertEquals("exit code; output:\n" + output, 1, p.exitCode());
      assertTrue(
          "one line naming the file:\n" + output,
          output
              .lines()
              .anyMatch(l -> l.contains("Corrupt compressed file") && l.contains("cut.txt.gz")));
      ApplicationReport report = assertFinal(appIdOf(output), FinalApplicationStatus.FAILED);
      assertTrue(report.getDiagnostics(), report.getDiagnostics().contains("cut.txt.gz"));
    }
  }

  @Test
  public void executorsLargerThanAnyNodeAreRefusedBeforeTheApplicationIsSubmitted()
      throws Exception {
    List<String> all =
        List.of(
            "--master",
            "yarn",
            "--driver-memory",
            "256m",
            "--executor-memory",
            "2g",
            "--class",
            SleepingJob.class.getName(),
            appJar.toString());
    try (YarnSubmitProcess p =
        YarnSubmitProcess.run(cluster.confDir(), tmp.newFile().toPath(), 120, all)) {
      String output = p.output().strip();
      assertEquals("exit code; output:\n" + output, 2, p.exitCode());
      assertFalse("one line: " + output, output.contains("\n"));
      assertTrue(output, output.contains("--executor-memory 2g"));
      assertTrue(output, output.contains("the largest container this cluster grants is 1024 MB"));
      assertFalse("no application: " + output, APP_ID.matcher(output).find());
    }
  }

  @Test
  public void executorsThatTheProgramSizesLargerThanAnyNodeFailTheApplicationAtOnce()
      throws Exception {
    try (YarnSubmitProcess p =
        YarnSubmitProcess.run(
            cluster.confDir(),
            tmp.newFile().toPath(),
            TIMEOUT_SECONDS,
            args(List.of("--class", BigExecutorsJob.class.getName()), appJar.toString()))) {
      String output = p.output();
      assertEquals("exit code; output:\n" + output, 1, p.exitCode());
      String expected = "(--executor-memory " + BigExecutorsJob.EXECUTOR_MEMORY + " + ";
      assertTrue(output, output.contains(expected));
      assertTrue(output, output.contains("the largest container this cluster grants is 1024 MB"));
      ApplicationReport report = assertFinal(appIdOf(output), FinalApplicationStatus.FAILED);
      assertTrue(report.getDiagnostics(), report.getDiagnostics().contains(expected));
    }
  }

  // ---- map output damage ----

  /** What to do to a map output's data file. */
  private interface Damage {
    void apply(Path dataFile) throws IOException;
  }

  /**
   * Runs {@link MapOutputLossJob}, damages the data file of its map output 1 while its last map
   * task waits, and returns the job's report.
   */
  private String runDamagingOneMapOutput(Damage damage) throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.newFile().toPath(),
            args(
                List.of("--class", MapOutputLossJob.class.getName()),
                appJar.toString(),
                shared.toString()))) {
      awaitFile(shared.resolve("maps-written"), p);
      String appId = appIdOf(p.output());
      Map<Integer, Path> dataFiles = mapOutputDataFiles(appId, 0);
      assertEquals(
          "map outputs 0 to 2 are written, 3 waits: " + dataFiles,
          Set.of(0, 1, 2),
          dataFiles.keySet());
      damage.apply(dataFiles.get(1));
      Files.writeString(shared.resolve("go"), "go");

      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      assertFinal(appId, FinalApplicationStatus.SUCCEEDED);
    }
    return Files.readString(shared.resolve("report"));
  }

  private static void assertMapOneRecomputedAlone(String report) {
    Map<String, String> r = new HashMap<>();
    for (String line : report.strip().split("\n")) {
      String[] kv = line.split("=", 2);
      r.put(kv[0], kv[1]);
    }
    long n = MapOutputLossJob.NUMBERS;
    assertEquals(report, Long.toString(n * (n - 1) / 2), r.get("sum"));
    assertEquals(report, "10", r.get("keys"));
    assertEquals("map task runs per partition", "0:1,1:2,2:1,3:1", r.get("mapRuns"));
    assertTrue(
        "a reducer failed to fetch: " + report, Integer.parseInt(r.get("fetchFailures")) >= 1);
  }

  /** The data files of a shuffle's map outputs in the NodeManagers' local dirs, by map id. */
  private static Map<Integer, Path> mapOutputDataFiles(String appId, int shuffleId)
      throws IOException {
    Pattern name = Pattern.compile("shuffle_" + shuffleId + "_(\\d+)_\\d+\\.data");
    Map<Integer, Path> files = new TreeMap<>();
    for (int i = 0; i < YarnTestCluster.NODES; i++) {
      for (String dir :
          cluster.yarn().nodeManager(i).getNMContext().getLocalDirsHandler().getLocalDirs()) {
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path f : walk.filter(f -> f.toString().contains("/" + appId + "/")).toList()) {
            Matcher m = name.matcher(f.getFileName().toString());
            if (m.matches()) {
              files.put(Integer.valueOf(m.group(1)), f);
            }
          }
        }
      }
    }
    return files;
  }

  // ---- helpers ----

  private YarnSubmitProcess start(List<String> options, String... appArgs) throws IOException {
    return YarnSubmitProcess.start(
        cluster.confDir(), tmp.newFile().toPath(), args(options, appJar.toString(), appArgs));
  }

  private static List<String> args(List<String> options, String jar, String... appArgs) {
    List<String> all = new ArrayList<>(List.of("--master", "yarn"));
    all.addAll(YarnTestCluster.smallContainers());
    all.addAll(options);
    all.add(jar);
    all.addAll(List.of(appArgs));
    return all;
  }

  private static String appIdOf(String output) {
    Matcher m = APP_ID.matcher(output);
    assertTrue("an application id in:\n" + output, m.find());
    return m.group();
  }

  private ApplicationReport assertFinal(String appId, FinalApplicationStatus expected)
      throws Exception {
    ApplicationReport r = yarn.getApplicationReport(ApplicationId.fromString(appId));
    assertEquals(r.getDiagnostics(), expected, r.getFinalApplicationStatus());
    return r;
  }

  /** The executors' JVMs of {@code appId} (not the shells that YARN starts them with). */
  private static List<ProcessHandle> executorProcesses(String appId) {
    return ProcessHandle.allProcesses()
        .filter(
            h -> {
              String cmd = h.info().commandLine().orElse("");
              return h.info().command().orElse("").endsWith("/java")
                  && cmd.contains("dev.weft.executor.ExecutorMain")
                  && cmd.contains(appId);
            })
        .toList();
  }

  /** Waits until an executor of {@code appId} runs that is not one of {@code before}. */
  private static void awaitReplacementExecutor(String appId, Set<Long> before, YarnSubmitProcess p)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (executorProcesses(appId).stream().anyMatch(e -> !before.contains(e.pid()))) {
        return;
      }
      assertTrue(
          "the job ended before a replacement executor started:\n" + p.output(), p.isAlive());
      Thread.sleep(100); // polling the process table
    }
    throw new AssertionError("no executor replaced the killed one:\n" + p.output());
  }

  private static void awaitFile(Path file, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline && !Files.exists(file)) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(100); // polling for the job's marker
    }
    assertTrue(file + " written; output:\n" + p.output(), Files.exists(file));
  }

  private static List<String> readParts(FileSystem fs, String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    FileStatus[] parts =
        fs.listStatus(new org.apache.hadoop.fs.Path(dir), p -> p.getName().startsWith("part-"));
    Arrays.sort(parts);
    for (FileStatus part : parts) {
      try (InputStream in = fs.open(part.getPath())) {
        String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        lines.addAll(Arrays.stream(s.split("\n")).filter(l -> !l.isEmpty()).toList());
      }
    }
    return lines;
  }
}
