package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.core.status.AppStatusStore;
import dev.weft.it.apps.UiDemoJob;
import dev.weft.it.browser.HeadlessChromium;
import dev.weft.ui.UiRequest;
import dev.weft.ui.UiResponse;
import dev.weft.ui.history.HistoryProvider;
import dev.weft.ui.history.HistoryRouter;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The driver's web UI on YARN, as a person sees it: a real browser (Debian's Chromium, headless)
 * loads the pages of a running application through the ResourceManager's proxy; the REST API agrees
 * with the job that ran; after the end, the event log replays into the history UI with the same
 * figures, and the RM's tracking URL points at it.
 */
public class WebUiIT {
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static YarnTestCluster cluster;
  private static HeadlessChromium browser;
  private static YarnClient yarn;
  private static Path appJar;
  private static Path buildDir;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void startCluster() throws Exception {
    assumeTrue(
        "bin/yarn-submit runs the jars under target/; this build writes elsewhere",
        YarnSubmitProcess.runtimeBuiltHere());
    browser = HeadlessChromium.find();
    YarnSubmitProcess.assertRuntimeBuilt();
    cluster = YarnTestCluster.start(WebUiIT.class);
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.yarnConf());
    yarn.start();
    buildDir = Path.of(System.getProperty("weftTestDir", "target")).toAbsolutePath();
    Path dir = Files.createTempDirectory(buildDir, "apps");
    appJar = AppJar.build(dir.resolve("ui-apps.jar"), UiDemoJob.class);
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
  public void aBrowserSeesTheStagesTasksAndDagOfARunningAppThroughTheRmProxy() throws Exception {
    Path go = tmp.getRoot().toPath().resolve("go");
    List<String> args = new ArrayList<>(List.of("--master", "yarn"));
    args.addAll(YarnTestCluster.smallContainers());
    args.addAll(
        List.of(
            "--conf",
            "weft.history.address=localhost:18080",
            "--class",
            UiDemoJob.class.getName(),
            appJar.toString(),
            go.toString()));
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(), tmp.getRoot().toPath().resolve("submit.log"), args)) {
      String appId = awaitAppId(p);
      String base = "http://" + cluster.rmWebAddress() + "/proxy/" + appId + "/";
      String api = base + "api/v1/applications/" + appId;

      // Job 0 (two stages) is done and job 1 runs once the REST API says so.
      JsonNode jobs = awaitJson(api + "/jobs", j -> j.size() == 2, p);
      JsonNode job0 = jobs.get(1);
      assertEquals("SUCCEEDED", job0.get("status").asText());
      assertEquals(6, job0.get("numCompletedTasks").asInt());
      assertEquals(jobs.toString(), "RUNNING", jobs.get(0).get("status").asText());
      JsonNode stages = getJson(api + "/stages");
      JsonNode reduce = stageOf(stages, 0, false);
      JsonNode map = stageOf(stages, 0, true);
      assertEquals(4, map.get("numCompleteTasks").asInt());
      assertEquals(2, reduce.get("numCompleteTasks").asInt());
      assertEquals(1000, map.get("totals").get("shuffleWriteRecords").asLong());
      assertTrue(reduce.get("totals").get("shuffleReadRecords").asLong() >= 10);
      int reduceId = reduce.get("stageId").asInt();
      JsonNode tasks = getJson(api + "/stages/" + reduceId + "/0/tasks");
      assertEquals(2, tasks.size());
      JsonNode executors = getJson(api + "/executors");
      assertEquals(2, executors.size());
      assertTrue(
          executors.toString(),
          executors.get(0).get("logUrl").asText().contains("/node/containerlogs/container_"));

      // A real browser, through the proxy.
      String jobDom = browser.dumpDom(base + "job?id=0");
      assertTrue(jobDom, jobDom.contains("<svg id=\"dag\""));
      assertTrue(jobDom, jobDom.contains("<table id=\"stages\">"));
      assertEquals(jobDom, 2, count(jobDom, "class=\"stage state-complete\""));
      String stageDom = browser.dumpDom(base + "stage?id=" + reduceId + "&attempt=0");
      assertTrue(stageDom, stageDom.contains("<table id=\"tasks\">"));
      assertEquals(stageDom, 2, count(stageDom, ">SUCCESS</td>"));
      String executorsDom = browser.dumpDom(base + "executors");
      assertTrue(executorsDom, executorsDom.contains("<table id=\"executors\">"));
      Path shots = Files.createDirectories(buildDir.resolve("screenshots"));
      Path shot = shots.resolve("webui-job.png");
      Files.deleteIfExists(shot);
      browser.screenshot(base + "job?id=0", shot, 1280, 1024);
      assertTrue(shot + " written", Files.size(shot) > 1000);

      Files.writeString(go, "go");
      assertEquals("exit code; output:\n" + p.output(), 0, p.await(240));

      // After the end: the event log replays into the history UI with the same figures.
      ApplicationReport report = yarn.getApplicationReport(ApplicationId.fromString(appId));
      assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus());
      assertEquals(
          "http://localhost:18080/history/" + appId + "_1/", report.getOriginalTrackingUrl());
      FileSystem fs = cluster.fs();
      org.apache.hadoop.fs.Path logDir =
          fs.makeQualified(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".weft/history"));
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(logDir, appId + "_1")));
      HistoryRouter history =
          new HistoryRouter(
              new HistoryProvider(
                  fs, logDir, AppStatusStore.Limits.DEFAULT, 0, System::currentTimeMillis));
      String prefix = "api/v1/applications/" + appId + "_1";
      JsonNode replayedJobs = route(history, prefix + "/jobs");
      assertEquals(2, replayedJobs.size());
      assertEquals(job0, replayedJobs.get(1));
      assertEquals("SUCCEEDED", replayedJobs.get(0).get("status").asText());
      JsonNode replayedStages = route(history, prefix + "/stages");
      assertEquals(reduce, stageOf(replayedStages, 0, false));
      assertEquals(map, stageOf(replayedStages, 0, true));
      assertEquals(tasks, route(history, prefix + "/stages/" + reduceId + "/0/tasks"));
      UiResponse page =
          history.route(UiRequest.get("history/" + appId + "_1/job", Map.of("id", "0")));
      assertTrue(page.bodyText(), page.bodyText().contains("<svg id=\"dag\""));
    }
  }

  // ---- helpers ----

  private static JsonNode stageOf(JsonNode stages, int job, boolean shuffleMap) {
    for (JsonNode s : stages) {
      if (s.get("jobIds").toString().equals("[" + job + "]")
          && s.get("shuffleMap").asBoolean() == shuffleMap) {
        return s;
      }
    }
    throw new AssertionError("no " + (shuffleMap ? "map" : "result") + " stage of job " + job);
  }

  private static JsonNode route(HistoryRouter history, String path) throws IOException {
    UiResponse r = history.route(UiRequest.get(path, Map.of()));
    assertEquals(path + ": " + r.bodyText(), 200, r.status());
    return JSON.readTree(r.body());
  }

  private static String awaitAppId(YarnSubmitProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = APP_ID.matcher(p.output());
      if (m.find()) {
        return m.group();
      }
      Thread.sleep(200); // polling yarn-submit's output
    }
    throw new AssertionError("no application id printed:\n" + p.output());
  }

  private static JsonNode awaitJson(
      String url, java.util.function.Predicate<JsonNode> ready, YarnSubmitProcess p)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      assertTrue("yarn-submit ended early:\n" + p.output(), p.isAlive());
      try {
        last = getJson(url);
        if (ready.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // the AM is not up yet
      }
      Thread.sleep(500); // polling the REST API
    }
    throw new AssertionError(url + " never got ready; last answer " + last + "\n" + p.output());
  }

  private static JsonNode getJson(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    try (InputStream in = c.getInputStream()) {
      return JSON.readTree(in);
    } finally {
      c.disconnect();
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
