package dev.weft.core.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.core.config.Redaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EventLogTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<StatusEvent> EVENTS =
      List.of(
          new StatusEvent.AppStarted(1, "app-1", "2", "n", "ann", Map.of("weft.a", "b")),
          new StatusEvent.ExecutorAdded(
              2, "1", "h", 2, 1024, "http://nm:8042/node/containerlogs/c/ann"),
          new StatusEvent.JobStarted(
              3, 0, "count", List.of(new StatusEvent.StageRef(0, "map", 2, true, List.of()))),
          new StatusEvent.StageSubmitted(4, 0, 0, "map", 2, true, List.of()),
          new StatusEvent.TaskStarted(
              5, new StatusEvent.TaskRef(7, 0, 0, 0, 0, 0, "1", "h", "NODE_LOCAL", 5)),
          new StatusEvent.TaskEnded(
              6,
              new StatusEvent.TaskRef(7, 0, 0, 0, 0, 0, "1", "h", "NODE_LOCAL", 5),
              TaskOutcome.SUCCESS,
              null,
              new TaskFigures(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)),
          new StatusEvent.StageCompleted(7, 0, 0, null),
          new StatusEvent.JobEnded(8, 0, null),
          new StatusEvent.AppEnded(9, null));

  @Test
  public void aWrittenLogReadsBackEventForEventUnderItsFinalName() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("history");
    EventLogWriter w =
        new EventLogWriter(
            new org.apache.hadoop.fs.Path(dir.toUri()), "app-1", "2", new Configuration(), () -> 0);
    assertTrue(Files.exists(dir.resolve("app-1_2.inprogress")));
    EVENTS.forEach(w);
    w.close();
    assertFalse(Files.exists(dir.resolve("app-1_2.inprogress")));

    List<StatusEvent> read = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(dir.resolve("app-1_2"))) {
      EventLogFormat.replay(in, "app-1_2", read::add);
    }
    assertEquals(EVENTS, read);
  }

  @Test
  public void aLastLineCutShortIsIgnoredButABadLineInTheMiddleIsAnError() throws IOException {
    String header = EventLogFormat.header() + "\n";
    String good = EventLogFormat.line(EVENTS.get(0)) + "\n";
    List<StatusEvent> read = new ArrayList<>();
    EventLogFormat.replay(
        new BufferedReader(new StringReader(header + good + "{\"event\":\"JobSt")), "x", read::add);
    assertEquals(List.of(EVENTS.get(0)), read);
    try {
      EventLogFormat.replay(
          new BufferedReader(new StringReader(header + "{oops\n" + good)), "x.log", e -> {});
      fail();
    } catch (IOException e) {
      assertTrue(
          e.getMessage(), e.getMessage().startsWith("Event log x.log line 2 is not an event"));
    }
  }

  @Test
  public void aFileWithoutTheHeaderIsRefusedByName() {
    try {
      EventLogFormat.replay(new BufferedReader(new StringReader("hello\n")), "notes.txt", e -> {});
      fail();
    } catch (IOException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("Not a Weft event log: notes.txt"));
    }
  }

  @Test
  public void secretsInTheConfigurationAreNotLogged() {
    assertEquals(
        Map.of("weft.x.password", Redaction.REDACTED, "weft.app.name", "n"),
        StatusEventSource.redact(Map.of("weft.x.password", "p", "weft.app.name", "n")));
  }

  @Test
  public void taskEventsAreWrittenExactlyAsTheRecordsSerialize() throws IOException {
    StatusEvent.TaskRef odd =
        new StatusEvent.TaskRef(-1, 3, 1, 9, 12, 2, "ex \"7\"\n", "h\u00e9st\\", null, 0);
    StatusEvent.TaskRef noExecutor =
        new StatusEvent.TaskRef(Long.MAX_VALUE, 0, 0, 0, 0, 0, null, null, "ANY", -5);
    List<StatusEvent> tasks =
        List.of(
            EVENTS.get(4),
            EVENTS.get(5),
            new StatusEvent.TaskStarted(Long.MIN_VALUE, odd),
            new StatusEvent.TaskStarted(0, null),
            new StatusEvent.TaskEnded(
                1, odd, TaskOutcome.FAILED, "boom:\tline\u0001\u2028\ud83d\ude00", null),
            new StatusEvent.TaskEnded(2, noExecutor, TaskOutcome.EXECUTOR_LOST, null, null),
            new StatusEvent.TaskEnded(3, null, null, null, TaskFigures.ZERO));
    for (StatusEvent e : tasks) {
      assertEquals(EventLogFormat.reflectiveLine(e), EventLogFormat.line(e));
      assertEquals(e, EventLogFormat.parse(EventLogFormat.line(e)));
    }
  }

  @Test
  public void theFileIsTheHeaderThenOneLinePerEventEachEndingInALineBreak() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("history");
    try (EventLogWriter w =
        new EventLogWriter(
            new org.apache.hadoop.fs.Path(dir.toUri()),
            "app-1",
            null,
            new Configuration(),
            () -> 0)) {
      EVENTS.forEach(w);
    }
    StringBuilder expected = new StringBuilder(EventLogFormat.header()).append('\n');
    for (StatusEvent e : EVENTS) {
      expected.append(EventLogFormat.reflectiveLine(e)).append('\n');
    }
    assertEquals(expected.toString(), Files.readString(dir.resolve("app-1")));
  }
}
