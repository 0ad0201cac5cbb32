package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.weft.it.apps.FailingJob;
import dev.weft.it.apps.LocalityJob;
import dev.weft.it.apps.ShuffleAfterExecutorsExitJob;
import dev.weft.it.apps.SleepingJob;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Weft on YARN end to end: {@code bin/yarn-submit --master yarn} against a MiniDFSCluster and a
 * MiniYARNCluster whose NodeManagers run the {@code weft_shuffle} aux service, the AM hosting the
 * driver and executors in containers.
 */
public class YarnSubmitIT {
  private static final long TIMEOUT_SECONDS = 240;
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");

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
    cluster = YarnTestCluster.start(YarnSubmitIT.class);
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.yarnConf());
    yarn.start();
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("weftTestDir", "target")), "apps");
    appJar =
        AppJar.build(
            dir.resolve("test-apps.jar"),
            FailingJob.class,
            SleepingJob.class,
            ShuffleAfterExecutorsExitJob.class,
            LocalityJob.class);
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
  public void wordCountOnHdfsInputSucceedsWithExactCountsAndTheConsoleReportsItsRun()
      throws Exception {
    FileSystem fs = cluster.fs();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append("the weft runs on yarn the weft reads data line ").append(i % 7).append('\n');
    }
    write(fs, "/wc/in/words.txt", text.toString(), 8 * 1024);

    try (YarnSubmitProcess p =
        submit(
            List.of("--class", "dev.weft.examples.WordCount"),
            examplesJar(),
            "/wc/in/words.txt",
            "/wc/out")) {
      assertEquals("exit code; output:\n" + p.output(), 0, p.exitCode());
      assertFinal(appIdOf(p.output()), FinalApplicationStatus.SUCCEEDED);
      // Output to a file: a line per state change, then the summary; 15 word<TAB>count lines.
      assertConsoleReportsTheRun(p.output(), text.length(), 2000, 15);
    }
    Map<String, Long> counts = new HashMap<>();
    List<Long> order = new ArrayList<>();
    for (String line : readParts(fs, "/wc/out")) {
      String[] f = line.split("\t");
      counts.put(f[0], Long.parseLong(f[1]));
      order.add(Long.parseLong(f[1]));
    }
    assertEquals(Long.valueOf(4000), counts.get("the"));
    assertEquals(Long.valueOf(4000), counts.get("weft"));
    assertEquals(Long.valueOf(2000), counts.get("line"));
    assertEquals("i % 7 == 0 for 286 of 0..1999", Long.valueOf(286), counts.get("0"));
    assertEquals("i % 7 == 6 for 285 of 0..1999", Long.valueOf(285), counts.get("6"));
    assertEquals("8 words and 7 digits", 15, counts.size());
    for (int i = 1; i < order.size(); i++) {
      assertTrue(
          "sorted by count, most frequent first: " + order, order.get(i - 1) >= order.get(i));
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/wc/out/_SUCCESS")));
  }

  @Test
  public void aJobThatThrowsEndsFailedWithItsMessageInTheDiagnosticsAndTheConsole()
      throws Exception {
    try (YarnSubmitProcess p =
        submit(List.of("--class", FailingJob.class.getName()), appJar.toString())) {
      String out = p.output();
      assertEquals("exit code; output:\n" + out, 1, p.exitCode());
      assertTrue("console names the cause:\n" + out, out.contains(FailingJob.MESSAGE));
      ApplicationReport report = assertFinal(appIdOf(out), FinalApplicationStatus.FAILED);
      assertTrue(
          "RM diagnostics: " + report.getDiagnostics(),
          report.getDiagnostics().contains(FailingJob.MESSAGE));
    }
  }

  @Test
  public void theReduceStageReadsMapOutputsFromTheShuffleServiceAfterEveryExecutorExited()
      throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.getRoot().toPath().resolve("submit.log"),
            args(
                List.of("--class", ShuffleAfterExecutorsExitJob.class.getName()),
                appJar.toString(),
                shared.toString()))) {
      awaitFile(shared.resolve("maps-done"), p);
      String appId = appIdOf(p.output());
      List<ProcessHandle> executors = executorProcesses(appId);
      assertFalse("executors of " + appId + " are running", executors.isEmpty());
      executors.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle e : executors) {
        e.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      Files.writeString(shared.resolve("go"), "go");

      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      String result = Files.readString(shared.resolve("result"));
      assertTrue(result, result.contains("sum=" + (9_999L * 10_000 / 2)));
      assertTrue(result, result.contains("keys=10"));
      assertTrue("no map task ran again: " + result, result.contains("mapTasks=0"));
    }
  }

  @Test
  public void killEndsARunningAppItsExecutorsAndItsStagingDir() throws Exception {
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.getRoot().toPath().resolve("submit.log"),
            args(List.of("--class", SleepingJob.class.getName()), appJar.toString()))) {
      String appId = awaitAppId(p);
      ApplicationId id = ApplicationId.fromString(appId);
      awaitExecutors(appId, p);

      // The tracking URL reaches the driver's page through the RM's proxy.
      String proxied = "http://" + cluster.rmWebAddress() + "/proxy/" + appId + "/";
      assertEquals(200, httpStatus(proxied));
      String rest = httpGet("http://" + cluster.rmWebAddress() + "/ws/v1/cluster/apps/" + appId);
      assertTrue(rest, rest.contains("\"trackingUrl\""));
      assertTrue(rest, rest.contains("/proxy/" + appId));

      YarnSubmitProcess status =
          YarnSubmitProcess.run(
              cluster.confDir(),
              tmp.getRoot().toPath().resolve("status.log"),
              60,
              List.of("--status", appId));
      assertEquals(status.output(), 0, status.exitCode());
      assertTrue(status.output(), status.output().contains("RUNNING"));

      YarnSubmitProcess kill =
          YarnSubmitProcess.run(
              cluster.confDir(),
              tmp.getRoot().toPath().resolve("kill.log"),
              60,
              List.of("--kill", appId));
      assertEquals(kill.output(), 0, kill.exitCode());

      int code = p.await(TIMEOUT_SECONDS);
      assertNotEquals(0, code);
      assertNotEquals("KILLED is not FAILED", 1, code);
      assertEquals(
          YarnApplicationState.KILLED, yarn.getApplicationReport(id).getYarnApplicationState());
      awaitNoExecutors(appId);
      FileSystem fs = cluster.fs();
      assertFalse(
          "staging dir removed",
          fs.exists(
              new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".weft/staging/" + appId)));
    }
  }

  @Test
  public void tasksReadingHdfsSplitsRunNodeLocalWhereTheirBlockIs() throws Exception {
    FileSystem fs = cluster.fs();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      text.append(String.format("%07d some text to fill a block\n", i));
    }
    write(fs, "/locality/in.txt", text.toString(), 16 * 1024);
    Path report = tmp.getRoot().toPath().resolve("locality.txt");

    try (YarnSubmitProcess p =
        submit(
            List.of(
                "--class",
                LocalityJob.class.getName(),
                "--conf",
                "weft.locality.hostAliases=" + cluster.hostAliases(),
                "--conf",
                "weft.locality.wait=20s",
                "--conf",
                "weft.files.maxPartitionBytes=16k"),
            appJar.toString(),
            "/locality/in.txt",
            report.toString())) {
      assertEquals("exit code; output:\n" + p.output(), 0, p.exitCode());
    }
    Map<String, Integer> levels = new HashMap<>();
    for (String line : Files.readAllLines(report)) {
      String[] kv = line.split("=");
      levels.put(kv[0], Integer.parseInt(kv[1]));
    }
    assertEquals(Integer.valueOf(4000), levels.get("lines"));
    int nodeLocal = levels.getOrDefault("NODE_LOCAL", 0);
    int total =
        levels.entrySet().stream()
            .filter(e -> !e.getKey().equals("lines"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    assertTrue("several splits: " + levels, total >= 4);
    assertTrue("NODE_LOCAL share " + levels, nodeLocal >= 0.75 * total);
  }

  @Test
  public void badInputStopsYarnSubmitWithOneLine() throws Exception {
    assertOneLineError(
        List.of("--conf", "weft.task.maxFailures=many", examplesJar()), "weft.task.maxFailures");
    assertOneLineError(List.of("--class", "x.Y", "no-such-app.jar"), "no-such-app.jar");
    assertOneLineError(List.of("--class", "com.acme.Missing", examplesJar()), "com.acme.Missing");
    assertOneLineError(
        List.of(
            "--queue",
            "no-such-queue",
            "--class",
            "dev.weft.examples.WordCount",
            examplesJar(),
            "a",
            "b"),
        "no-such-queue");
  }

  @Test
  public void parquetEtlPrunesDaysBroadcastsTheStoresAndItsRerunReplacesOnlyItsOwnDays()
      throws Exception {
    FileSystem fs = cluster.fs();
    EtlData data = EtlData.write(fs, "/etl/orders", "/etl/stores");

    try (YarnSubmitProcess p =
        submit(
            List.of("--class", "dev.weft.examples.ParquetEtl"),
            examplesJar(),
            "/etl/orders",
            "/etl/stores",
            "/etl/daily",
            "2024-01-02",
            "2024-01-03",
            "/etl/plan.txt")) {
      assertEquals("exit code; output:\n" + p.output(), 0, p.exitCode());
      String appId = appIdOf(p.output());
      // Stages named by the operators they run, in the console as in the event log.
      assertTrue(p.output(), p.output().contains("HashAggregate(final) at ParquetEtl.java:"));
      String plan = EtlData.readText(fs, "/etl/plan.txt");
      assertTrue(
          plan,
          plan.contains(
              "PartitionFilters: [GreaterThanOrEqual(date,2024-01-02),"
                  + " LessThanOrEqual(date,2024-01-03)], PushedFilters: [EqualTo(status,COMPLETE)]"));
      assertTrue(plan, plan.contains("BroadcastHashJoin [store_id#"));
      List<String> events = eventLog(fs, appId);
      assertTrue(
          String.join("\n", events),
          events.stream()
              .anyMatch(
                  e ->
                      e.contains("\"StageSubmitted\"")
                          && e.contains(
                              "Scan parquet -> Filter -> BroadcastHashJoin ->"
                                  + " HashAggregate(partial) at ParquetEtl.java:")));
      long inputBytes = 0;
      Matcher m = Pattern.compile("\"inputBytes\":(\\d+)").matcher(String.join("\n", events));
      while (m.find()) {
        inputBytes += Long.parseLong(m.group(1));
      }
      assertTrue("bytes read " + inputBytes, inputBytes > 0);
      assertTrue(
          "2 of 6 days read: " + inputBytes + " bytes of " + data.ordersBytes(),
          inputBytes < data.ordersBytes() * 0.6);
    }
    assertEquals(data.dailyRevenue(2, 3), EtlData.readDaily(fs, "/etl/daily"));
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/etl/daily/_SUCCESS")));

    // The same job for days 3 and 4: day 3 replaced, day 4 added, day 2 kept.
    try (YarnSubmitProcess p =
        submit(
            List.of("--class", "dev.weft.examples.ParquetEtl"),
            examplesJar(),
            "/etl/orders",
            "/etl/stores",
            "/etl/daily",
            "2024-01-03",
            "2024-01-04")) {
      assertEquals("exit code; output:\n" + p.output(), 0, p.exitCode());
    }
    assertEquals(data.dailyRevenue(2, 4), EtlData.readDaily(fs, "/etl/daily"));
  }

  // ---- helpers ----

  /** The lines of an application's event log (its first attempt). */
  private static List<String> eventLog(FileSystem fs, String appId) throws IOException {
    org.apache.hadoop.fs.Path log =
        new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".weft/history/" + appId + "_1");
    try (InputStream in = fs.open(log)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static final Pattern STAGE_LINE =
      Pattern.compile(
          "Stage (\\d+(?: \\(attempt \\d+\\))?) (submitted|completed): .*?(\\d[\\d,]*) tasks?\\b.*");
  private static final Pattern SUMMARY_FIGURE = Pattern.compile("  (\\w+) +(.*)");

  /**
   * The non-terminal console of a successful run: each stage submitted once and completed once with
   * all its tasks, no carriage return, no line twice in a row, and a summary whose task count is
   * the stages' and whose input and output are the job's.
   */
  private static void assertConsoleReportsTheRun(
      String out, long inputFileBytes, long inputLines, long outputRecords) {
    assertFalse("no carriage returns when not on a terminal:\n" + out, out.contains("\r"));
    List<String> lines = out.lines().toList();
    for (int i = 1; i < lines.size(); i++) {
      assertNotEquals("line " + i + " repeated:\n" + out, lines.get(i - 1), lines.get(i));
    }
    Map<String, Long> submitted = new HashMap<>();
    Map<String, Long> completed = new HashMap<>();
    for (String line : lines) {
      Matcher m = STAGE_LINE.matcher(line);
      if (m.matches()) {
        Map<String, Long> seen = m.group(2).equals("submitted") ? submitted : completed;
        long tasks = Long.parseLong(m.group(3).replace(",", ""));
        assertEquals("once per stage: " + line + "\n" + out, null, seen.put(m.group(1), tasks));
      }
    }
    assertTrue("stage lines in:\n" + out, submitted.size() >= 2);
    assertEquals("every stage completed with all its tasks:\n" + out, submitted, completed);
    long jobs = lines.stream().filter(l -> l.matches("Job \\d+ succeeded in .*")).count();
    assertTrue("job lines in:\n" + out, jobs >= 1);

    int summaryStart =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("Summary of "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary in:\n" + out)));
    assertTrue(
        "the summary follows the final state:\n" + out,
        lines.get(summaryStart - 1).endsWith("is FINISHED (SUCCEEDED)"));
    Map<String, String> figures = new HashMap<>();
    for (String line : lines.subList(summaryStart + 1, lines.size())) {
      Matcher m = SUMMARY_FIGURE.matcher(line);
      if (m.matches()) {
        figures.put(m.group(1), m.group(2));
      }
    }
    long tasks = submitted.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(out, tasks + " succeeded, 0 failed", figures.get("tasks"));
    assertEquals(out, jobs + " succeeded, 0 failed", figures.get("jobs"));
    assertEquals(out, submitted.size() + " succeeded, 0 failed", figures.get("stages"));
    String[] input = figures.get("input").split(", ");
    assertTrue(out, bytesOf(input[0]) >= inputFileBytes * 0.99);
    long inputRecords = Long.parseLong(input[1].replace(",", "").replace(" records", ""));
    assertTrue(
        "whole scans of the input: " + out, inputRecords > 0 && inputRecords % inputLines == 0);
    assertTrue(out, figures.get("output").endsWith(", " + outputRecords + " records"));
    assertTrue(out, figures.get("shuffle").matches("read [1-9].*, written [1-9].*"));
    assertTrue(out, figures.get("locality").matches("[A-Z_]+ \\d+%.*"));
    assertTrue(out, figures.containsKey("duration"));
  }

  /** The bytes of a console size such as {@code 97.7 KiB}, to its precision. */
  private static double bytesOf(String size) {
    String[] parts = size.split(" ");
    List<String> units = List.of("B", "KiB", "MiB", "GiB");
    return Double.parseDouble(parts[0]) * Math.pow(1024, units.indexOf(parts[1]));
  }

  private void assertOneLineError(List<String> args, String named) throws Exception {
    List<String> all = new ArrayList<>(List.of("--master", "yarn"));
    all.addAll(args);
    YarnSubmitProcess p =
        YarnSubmitProcess.run(cluster.confDir(), tmp.newFile().toPath(), 120, all);
    String out = p.output().strip();
    assertEquals("exit code for " + args + ":\n" + out, 2, p.exitCode());
    assertFalse("one line for " + args + ":\n" + out, out.contains("\n"));
    assertTrue("names " + named + ": " + out, out.contains(named));
  }

  private YarnSubmitProcess submit(List<String> options, String jar, String... appArgs)
      throws Exception {
    return YarnSubmitProcess.run(
        cluster.confDir(), tmp.newFile().toPath(), TIMEOUT_SECONDS, args(options, jar, appArgs));
  }

  private static List<String> args(List<String> options, String jar, String... appArgs) {
    List<String> all = new ArrayList<>(List.of("--master", "yarn"));
    all.addAll(YarnTestCluster.smallContainers());
    all.addAll(options);
    all.add(jar);
    all.addAll(List.of(appArgs));
    return all;
  }

  private static String examplesJar() {
    return YarnSubmitProcess.repoRoot().resolve("examples/target/weft-examples.jar").toString();
  }

  private static String appIdOf(String output) {
    Matcher m = APP_ID.matcher(output);
    assertTrue("an application id in:\n" + output, m.find());
    return m.group();
  }

  private static String awaitAppId(YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = APP_ID.matcher(p.output());
      if (m.find()) {
        return m.group();
      }
      Thread.sleep(200); // polling yarn-submit's output
    }
    throw new AssertionError("no application id printed:\n" + p.output());
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

  private static void awaitExecutors(String appId, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && executorProcesses(appId).size() < 2) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(200); // polling the process table
    }
    assertEquals(2, executorProcesses(appId).size());
  }

  private static void awaitNoExecutors(String appId) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && !executorProcesses(appId).isEmpty()) {
      Thread.sleep(200); // polling the process table
    }
    assertEquals("executors of " + appId + " left", List.of(), executorProcesses(appId));
  }

  private static void awaitFile(Path file, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline && !Files.exists(file)) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(200); // polling for the job's marker
    }
    assertTrue(file + " written; output:\n" + p.output(), Files.exists(file));
  }

  private static void write(FileSystem fs, String path, String text, long blockSize)
      throws IOException {
    try (FSDataOutputStream out =
        fs.create(new org.apache.hadoop.fs.Path(path), true, 4096, (short) 1, blockSize)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> readParts(FileSystem fs, String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    FileStatus[] parts =
        fs.listStatus(new org.apache.hadoop.fs.Path(dir), p -> p.getName().startsWith("part-"));
    java.util.Arrays.sort(parts);
    for (FileStatus part : parts) {
      try (InputStream in = fs.open(part.getPath())) {
        String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String l : s.split("\n")) {
          if (!l.isEmpty()) {
            lines.add(l);
          }
        }
      }
    }
    return lines;
  }

  private static int httpStatus(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  private static String httpGet(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestProperty("Accept", "application/json");
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }
}
