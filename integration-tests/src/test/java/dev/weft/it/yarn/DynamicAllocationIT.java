package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.weft.it.apps.DynamicAllocationJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationResourceUsageReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Dynamic allocation on YARN, watched from the ResourceManager: executors come while a long stage
 * has tasks waiting and go once idle, and their shuffle output stays readable through the
 * NodeManagers' shuffle services.
 */
public class DynamicAllocationIT {
  private static final long TIMEOUT_SECONDS = 300;
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");
  // Two NodeManagers of 1536 MB: the AM and up to 7 executors of 384 MB.
  private static final int NODE_MEMORY_MB = 1536;
  private static final int MAX_EXECUTORS = 4;
  private static final int MAPS = 24;
  private static final int MAP_SLEEP_MILLIS = 2000;

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
    cluster = YarnTestCluster.start(DynamicAllocationIT.class, NODE_MEMORY_MB);
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.yarnConf());
    yarn.start();
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("weftTestDir", "target")), "apps");
    appJar = AppJar.build(dir.resolve("dynalloc-apps.jar"), DynamicAllocationJob.class);
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
  public void executorsGrowWithTheBacklogGoWhenIdleAndTheirShuffleOutputIsStillRead()
      throws Exception {
    Path shared = tmp.newFolder("shared").toPath();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                "yarn",
                "--driver-memory",
                "256m",
                "--conf",
                "weft.driver.memoryOverhead=128m",
                "--executor-memory",
                "256m",
                "--conf",
                "weft.executor.memoryOverhead=128m",
                "--conf",
                "weft.memory.reserved=32m",
                "--conf",
                "weft.dynamicAllocation.enabled=true",
                "--conf",
                "weft.dynamicAllocation.initialExecutors=1",
                "--conf",
                "weft.dynamicAllocation.maxExecutors=" + MAX_EXECUTORS,
                "--conf",
                "weft.dynamicAllocation.schedulerBacklogTimeout=1s",
                "--conf",
                "weft.dynamicAllocation.executorIdleTimeout=5s",
                "--class",
                DynamicAllocationJob.class.getName(),
                appJar.toString(),
                shared.toString(),
                Integer.toString(MAPS),
                Integer.toString(MAP_SLEEP_MILLIS)));
    ApplicationId appId = null;
    try (YarnSubmitProcess p =
            YarnSubmitProcess.start(cluster.confDir(), tmp.newFile("submit.log").toPath(), args);
        ContainerSampler sampler = new ContainerSampler()) {
      appId = ApplicationId.fromString(awaitAppId(p));
      sampler.start(appId);

      awaitFile(shared.resolve("maps-done"), p);
      int peakDuringMaps = sampler.max();
      assertTrue(
          "the RM's containers during the map stage (AM included): " + sampler.samples(),
          peakDuringMaps >= 1 + 3);

      // All idle: every executor goes (minExecutors 0), the AM's container stays.
      sampler.awaitCount(1, 120, p);
      Files.writeString(shared.resolve("go"), "go");

      assertEquals("exit code; output:\n" + p.output(), 0, p.await(TIMEOUT_SECONDS));
      Map<String, String> result = readResult(shared.resolve("result"));
      long n = MAPS * 1000L;
      assertEquals(Long.toString((n - 1) * n / 2), result.get("sum"));
      assertEquals("10", result.get("keys"));
      assertEquals("no map task ran again: " + result, "0", result.get("mapTasks"));
      Set<String> writers = Set.of(result.get("mapExecutors").split(","));
      Set<String> readers = Set.of(result.get("laterExecutors").split(","));
      // YARN may grant a few containers beyond the requests for a moment (the allocator gives
      // them back unused), so the executors that ran tasks show the growth exactly.
      assertTrue(
          "map tasks ran on " + writers + "; containers " + sampler.samples(),
          writers.size() >= 3 && writers.size() <= MAX_EXECUTORS);
      Set<String> both = new HashSet<>(writers);
      both.retainAll(readers);
      assertEquals(
          "the second action ran on new executors, the map outputs' writers being gone: " + result,
          Set.of(),
          both);
      ApplicationReport report = yarn.getApplicationReport(appId);
      assertEquals(
          report.getDiagnostics(),
          FinalApplicationStatus.SUCCEEDED,
          report.getFinalApplicationStatus());
    } finally {
      killIfRunning(appId);
    }
  }

  // ---- helpers ----

  /** Samples the application's live containers as the ResourceManager counts them. */
  private final class ContainerSampler implements AutoCloseable {
    private final List<Integer> samples = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    private Thread thread;

    void start(ApplicationId appId) {
      thread =
          new Thread(
              () -> {
                while (!stopped) {
                  try {
                    ApplicationResourceUsageReport usage =
                        yarn.getApplicationReport(appId).getApplicationResourceUsageReport();
                    if (usage != null && usage.getNumUsedContainers() >= 0) {
                      samples.add(usage.getNumUsedContainers());
                    }
                    Thread.sleep(250); // sampling interval
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    // the RM is busy or the application ended: try again
                  }
                }
              },
              "rm-container-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    int max() {
      synchronized (samples) {
        return samples.stream().mapToInt(Integer::intValue).max().orElse(0);
      }
    }

    List<Integer> samples() {
      synchronized (samples) {
        return List.copyOf(samples);
      }
    }

    /** Waits until the latest sample is {@code count}; fails with the samples after the timeout. */
    void awaitCount(int count, long timeoutSeconds, YarnSubmitProcess p) throws Exception {
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
        List<Integer> s = samples();
        if (!s.isEmpty() && s.get(s.size() - 1) == count) {
          return;
        }
        Thread.sleep(200); // polling the sampler
      }
      throw new AssertionError(
          "the application never came down to " + count + " containers: " + samples());
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      if (thread != null) {
        thread.interrupt();
        thread.join(5000);
      }
    }
  }

  private static void killIfRunning(ApplicationId appId) throws Exception {
    if (appId == null) {
      return;
    }
    YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
    if (state != YarnApplicationState.FINISHED
        && state != YarnApplicationState.FAILED
        && state != YarnApplicationState.KILLED) {
      yarn.killApplication(appId);
    }
  }

  private static Map<String, String> readResult(Path file) throws Exception {
    Map<String, String> result = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      result.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return result;
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

  private static void awaitFile(Path file, YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline && !Files.exists(file)) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      Thread.sleep(200); // polling for the job's marker
    }
    assertTrue(file + " written; output:\n" + p.output(), Files.exists(file));
  }
}
