package dev.weft.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.api.Dataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.EventLogFormat;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A job on local[2] (a text file of 1,000 lines, a cached dataset, a shuffle, two actions),
 * followed live through the status model: the REST API and the pages show its figures, and its
 * event log replays into the same model.
 */
public class LocalJobUiTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static AppStatusStore live;
  private static LiveRouter ui;
  private static String appId;
  private static Path historyDir;

  @BeforeClass
  public static void runJobs() throws IOException {
    Path input = TMP.newFile("words.txt").toPath();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add("w" + (i % 10));
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    historyDir = TMP.newFolder("history").toPath();
    live = new AppStatusStore(AppStatusStore.Limits.DEFAULT, System::currentTimeMillis);
    try (WeftContext weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .setAppName("ui-test")
                .set("weft.eventLog.enabled", "true")
                .set("weft.eventLog.dir", historyDir.toUri().toString()))) {
      Internals.of(weft).statusEvents().addSink(live);
      appId = weft.applicationId();
      Dataset<String> words = weft.textFile(input.toString(), 2).cache();
      assertEquals(1000, words.count()); // job 0: one stage of 2 tasks
      long distinct =
          words
              .mapToPair(w -> new Tuple2<>(w, 1L))
              .reduceByKey(Long::sum, 3)
              .count(); // job 1: a map stage of 2 tasks, a result stage of 3
      assertEquals(10, distinct);
    }
    ui = new LiveRouter(AppUi.readOnly(live, true));
  }

  @AfterClass
  public static void forget() {
    live = null;
    ui = null;
  }

  private static JsonNode get(String path) throws IOException {
    UiResponse r = ui.route(UiRequest.get(path, Map.of()));
    assertEquals(path + ": " + r.bodyText(), 200, r.status());
    assertEquals("application/json", r.contentType());
    return JSON.readTree(r.body());
  }

  @Test
  public void restApiListsTheApplicationWithItsTwoSucceededJobs() throws IOException {
    JsonNode apps = get("api/v1/applications");
    assertEquals(1, apps.size());
    assertEquals(appId, apps.get(0).get("id").asText());
    assertEquals("ui-test", apps.get(0).get("name").asText());
    JsonNode jobs = get("api/v1/applications/" + appId + "/jobs");
    assertEquals(2, jobs.size());
    for (JsonNode j : jobs) {
      assertEquals("SUCCEEDED", j.get("status").asText());
    }
    assertEquals(5, jobs.get(0).get("numCompletedTasks").asInt()); // job 1, newest first
    assertEquals(2, jobs.get(1).get("numCompletedTasks").asInt());
  }

  @Test
  public void restApiCountsTheTasksAndRecordsOfEachStage() throws IOException {
    JsonNode stages = get("api/v1/applications/" + appId + "/stages");
    assertEquals(3, stages.size());
    JsonNode count = stageOfJob(stages, 0);
    assertEquals(2, count.get("numCompleteTasks").asInt());
    assertEquals(1000, count.get("totals").get("inputRecords").asLong());
    JsonNode map = null;
    JsonNode reduce = null;
    for (JsonNode s : stages) {
      if (s.get("jobIds").toString().equals("[1]")) {
        if (s.get("shuffleMap").asBoolean()) {
          map = s;
        } else {
          reduce = s;
        }
      }
    }
    assertEquals(2, map.get("numCompleteTasks").asInt());
    // between the 10 words (fully combined) and every one of the 1,000 lines
    long written = map.get("totals").get("shuffleWriteRecords").asLong();
    assertTrue("shuffle write records " + written, written >= 10 && written <= 1000);
    assertTrue(map.get("totals").get("shuffleWriteBytes").asLong() > 0);
    assertEquals(3, reduce.get("numCompleteTasks").asInt());
    // each map task combined its 500 lines into the 10 words
    assertEquals(20, reduce.get("totals").get("shuffleReadRecords").asLong());
    assertEquals("[" + map.get("stageId").asInt() + "]", reduce.get("parentIds").toString());
    JsonNode tasks =
        get(
            "api/v1/applications/"
                + appId
                + "/stages/"
                + reduce.get("stageId").asInt()
                + "/0/tasks");
    assertEquals(3, tasks.size());
    for (JsonNode t : tasks) {
      assertEquals("SUCCESS", t.get("status").asText());
      assertNotNull(t.get("executorId").asText());
    }
  }

  @Test
  public void restApiShowsTheCachedDatasetFullyCached() throws IOException {
    JsonNode storage = get("api/v1/applications/" + appId + "/storage");
    assertEquals(1, storage.size());
    assertEquals(2, storage.get(0).get("numPartitions").asInt());
    assertEquals(1.0, storage.get(0).get("fractionCached").asDouble(), 0.0);
    assertTrue(storage.get(0).get("memoryUsed").asLong() > 0);
  }

  @Test
  public void restApiAnswersUnknownThingsWith404AndBadIdsWith400() {
    assertEquals(404, ui.route(UiRequest.get("api/v1/applications/nope", Map.of())).status());
    assertEquals(
        404,
        ui.route(UiRequest.get("api/v1/applications/" + appId + "/jobs/99", Map.of())).status());
    assertEquals(
        400,
        ui.route(UiRequest.get("api/v1/applications/" + appId + "/jobs/x", Map.of())).status());
  }

  @Test
  public void jobPageDrawsTheDagAndListsItsStages() {
    UiResponse r = ui.route(UiRequest.get("job", Map.of("id", "1")));
    assertEquals(200, r.status());
    String html = r.bodyText();
    assertTrue(html, html.contains("<svg id=\"dag\""));
    assertTrue(html, html.contains("<table id=\"stages\">"));
    assertEquals(2, count(html, "<g class=\"stage state-complete\""));
    assertEquals(1, count(html, "<line class=\"edge\""));
  }

  @Test
  public void stagePageListsEveryTask() throws IOException {
    String id = Integer.toString(reduceStageId());
    String html = ui.route(UiRequest.get("stage", Map.of("id", id, "attempt", "0"))).bodyText();
    assertTrue(html, html.contains("<table id=\"tasks\">"));
    assertEquals(3, count(html, "<td class=\"state-success\">SUCCESS</td>"));
  }

  @Test
  public void theEventLogReplaysIntoTheSameModel() throws IOException {
    File[] logs = historyDir.toFile().listFiles(f -> !f.getName().startsWith("."));
    assertEquals(1, logs.length);
    assertEquals(appId, logs[0].getName()); // renamed from .inprogress at the end
    AppStatusStore replayed =
        new AppStatusStore(AppStatusStore.Limits.DEFAULT, System::currentTimeMillis);
    try (BufferedReader in = Files.newBufferedReader(logs[0].toPath(), StandardCharsets.UTF_8)) {
      EventLogFormat.replay(in, logs[0].getName(), replayed);
    }
    assertEquals(live.application(), replayed.application());
    assertEquals(live.jobs(), replayed.jobs());
    assertEquals(live.stages(), replayed.stages());
    int reduce = reduceStageId();
    assertEquals(3, live.tasks(reduce, 0).size());
    assertEquals(live.tasks(reduce, 0), replayed.tasks(reduce, 0));
    assertEquals(live.executors(), replayed.executors());
    assertEquals(live.datasets(), replayed.datasets());
    try (Stream<String> events = Files.lines(logs[0].toPath())) {
      assertTrue(events.anyMatch(l -> l.startsWith("{\"event\":\"AppEnded\"")));
    }
  }

  private static JsonNode stageOfJob(JsonNode stages, int job) {
    for (JsonNode s : stages) {
      if (s.get("jobIds").toString().equals("[" + job + "]")) {
        return s;
      }
    }
    throw new AssertionError("no stage of job " + job + " in " + stages);
  }

  /** The id of job 1's result stage. */
  private static int reduceStageId() throws IOException {
    for (JsonNode s : get("api/v1/applications/" + appId + "/stages")) {
      if (s.get("jobIds").toString().equals("[1]") && !s.get("shuffleMap").asBoolean()) {
        return s.get("stageId").asInt();
      }
    }
    throw new AssertionError("no result stage of job 1");
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
