package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.weft.it.apps.AmKillJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
 * An ApplicationMaster killed from outside, by SIGTERM (its driver then stops and aborts the output
 * job while tasks still write) or by SIGKILL, while its job's tasks write output or while its job
 * commit publishes it. The second attempt finishes the application with exactly the output of one
 * run, whatever the first left in the destination.
 */
public class YarnAmKillIT {
  private static final long TIMEOUT_SECONDS = 300;
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
    cluster = YarnTestCluster.start(YarnAmKillIT.class);
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.yarnConf());
    yarn.start();
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("weftTestDir", "target")), "apps");
    appJar = AppJar.build(dir.resolve("am-kill-apps.jar"), AmKillJob.class);
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
  public void anApplicationMasterTerminatedWhileTasksWriteOutputIsFollowedByASuccessfulAttempt()
      throws Exception {
    killFirstAttemptAndExpectExactOutput("tasks", false);
  }

  @Test
  public void anApplicationMasterKilledWhileTasksWriteOutputIsFollowedByASuccessfulAttempt()
      throws Exception {
    killFirstAttemptAndExpectExactOutput("tasks", true);
  }

  @Test
  public void anApplicationMasterTerminatedInsideTheJobCommitIsFollowedByASuccessfulAttempt()
      throws Exception {
    killFirstAttemptAndExpectExactOutput("commit", false);
  }

  @Test
  public void anApplicationMasterKilledInsideTheJobCommitIsFollowedByASuccessfulAttempt()
      throws Exception {
    boolean midCommit = killFirstAttemptAndExpectExactOutput("commit", true);
    assertTrue("the first attempt died while its job commit published files", midCommit);
  }

  /**
   * Runs {@link AmKillJob}, kills its first ApplicationMaster's JVM at {@code where}, and checks
   * that the application succeeds with exactly one run's output.
   *
   * @return whether, when the kill returned, the first attempt's job commit had started and some of
   *     its files were still to be published
   */
  private boolean killFirstAttemptAndExpectExactOutput(String where, boolean sigkill)
      throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    String out = "/am-kill/" + where + (sigkill ? "-kill" : "-term") + "/out";
    boolean midCommit = false;
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.newFile().toPath(),
            args(
                List.of("--class", AmKillJob.class.getName(), "--max-app-attempts", "2"),
                appJar.toString(),
                out,
                shared.toString(),
                where))) {
      String appId = awaitAppId(p);
      FileSystem fs = cluster.fs();
      org.apache.hadoop.fs.Path jobDir =
          new org.apache.hadoop.fs.Path(out, "_temporary/" + appId + "-0");
      if (where.equals("tasks")) {
        awaitFile(shared.resolve("attempt1-writing"), p);
      } else {
        awaitHdfsFile(fs, new org.apache.hadoop.fs.Path(jobDir, "_PUBLISH_STARTED"), p);
      }
      ProcessHandle am = firstApplicationMaster(appId);
      if (sigkill) {
        am.destroyForcibly();
      } else {
        am.destroy();
      }
      am.onExit().get(60, TimeUnit.SECONDS);
      if (where.equals("commit")) {
        org.apache.hadoop.fs.Path committed = new org.apache.hadoop.fs.Path(jobDir, "committed");
        midCommit =
            fs.exists(committed)
                && fs.getContentSummary(committed).getFileCount() > 0
                && fs.exists(new org.apache.hadoop.fs.Path(jobDir, "_PUBLISHING"));
      }

      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      assertTrue(p.output(), p.output().contains(appId + ": attempt 1 ended, YARN runs attempt 2"));
      ApplicationReport r = yarn.getApplicationReport(ApplicationId.fromString(appId));
      assertEquals(
          r.getDiagnostics(), FinalApplicationStatus.SUCCEEDED, r.getFinalApplicationStatus());
      assertEquals(2, yarn.getApplicationAttempts(ApplicationId.fromString(appId)).size());
    }
    assertFalse(Files.exists(shared.resolve("attempt1-done")));
    assertTrue(Files.exists(shared.resolve("attempt2-done")));
    int partitions = AmKillJob.partitions(where);
    List<String> expectedNames = new ArrayList<>(List.of("_SUCCESS"));
    for (int i = 0; i < partitions; i++) {
      expectedNames.add(String.format("part-%05d", i));
    }
    assertEquals("nothing of the first attempt remains", expectedNames, names(out));
    assertEquals(
        IntStream.range(0, partitions).mapToObj(i -> "line " + i).toList(), readParts(out));
    return midCommit;
  }

  /** The JVM (not the launcher shell) of the first ApplicationMaster attempt of {@code appId}. */
  private static ProcessHandle firstApplicationMaster(String appId) {
    String container = "container_" + appId.substring("application_".length()) + "_01_000001";
    List<ProcessHandle> found =
        ProcessHandle.allProcesses()
            .filter(
                h -> {
                  String cmd = h.info().commandLine().orElse("");
                  return h.info().command().orElse("").endsWith("/java")
                      && cmd.contains("dev.weft.yarn.am.ApplicationMaster")
                      && cmd.contains(container);
                })
            .toList();
    assertEquals("the first ApplicationMaster's JVM", 1, found.size());
    return found.get(0);
  }

  private static List<String> args(List<String> options, String jar, String... appArgs) {
    List<String> all = new ArrayList<>(List.of("--master", "yarn"));
    all.addAll(YarnTestCluster.smallContainers());
    all.addAll(options);
    all.add(jar);
    all.addAll(List.of(appArgs));
    return all;
  }

  private static String awaitAppId(YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      Matcher m = APP_ID.matcher(p.output());
      if (m.find()) {
        return m.group();
      }
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(100); // polling yarn-submit's output
    }
    throw new AssertionError("no application id in:\n" + p.output());
  }

  private static void awaitFile(Path file, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline && !Files.exists(file)) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(100); // polling for the job's marker
    }
    assertTrue(file + " written; output:\n" + p.output(), Files.exists(file));
  }

  private static void awaitHdfsFile(
      FileSystem fs, org.apache.hadoop.fs.Path file, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline && !fs.exists(file)) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(2); // polling HDFS: the job commit's window is short
    }
    assertTrue(file + " written; output:\n" + p.output(), fs.exists(file));
  }

  private static List<String> names(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : cluster.fs().listStatus(new org.apache.hadoop.fs.Path(dir))) {
      names.add(s.getPath().getName());
    }
    names.sort(null);
    return names;
  }

  private static List<String> readParts(String dir) throws IOException {
    FileSystem fs = cluster.fs();
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
