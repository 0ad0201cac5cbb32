package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.Locality;
import dev.weft.core.scheduler.SchedulerListener.StageInfo;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class StatusTrackerTest {
  private final AtomicLong now = new AtomicLong(10_000);
  private final StatusTracker tracker = new StatusTracker(now::get);
  private final StageInfo stage =
      new StageInfo(3, 0, "reduceByKey at Wc.java:41", 4, false, List.of());

  private static TaskInfo task(long id) {
    return task(id, 3, Locality.PROCESS_LOCAL);
  }

  private static TaskInfo task(long id, int stageId, Locality locality) {
    return new TaskInfo(id, stageId, 0, (int) id, (int) id, 0, "1", "n1", locality, 0, 0);
  }

  private static TaskEndReason.Success success(TaskMetrics m) {
    return new TaskEndReason.Success(new byte[0], List.of(), m);
  }

  private static TaskMetrics metrics(long inputBytes, long shuffleWrite, long diskSpilled) {
    TaskMetrics m = new TaskMetrics();
    m.inputBytes = inputBytes;
    m.inputRecords = inputBytes / 10;
    m.shuffleWriteBytes = shuffleWrite;
    m.diskBytesSpilled = diskSpilled;
    return m;
  }

  @Test
  public void statusJsonFollowsStageAndTaskEvents() {
    tracker.setState(StatusTracker.State.RUNNING, null);
    tracker.setExecutors(2);
    tracker.onStageSubmitted(stage);
    tracker.onTaskStart(task(0));
    tracker.onTaskStart(task(1));
    tracker.onTaskStart(task(2));
    tracker.onTaskEnd(task(0), success(null), null);
    tracker.onTaskEnd(
        task(1), new TaskEndReason.ExceptionFailure("E", "m", "", null, List.of(), null), null);

    DriverStatus s = DriverStatus.fromJson(tracker.snapshot().toJson());
    assertEquals("RUNNING", s.state());
    assertEquals(2, s.executors());
    assertEquals(
        List.of(new DriverStatus.StageProgress(3, 0, "reduceByKey at Wc.java:41", 4, 1, 1, 1)),
        s.stages());
    assertEquals(0.25f, tracker.progress(), 1e-6);
  }

  @Test
  public void completedStagesLeaveTheStatus() {
    tracker.onStageSubmitted(stage);
    tracker.onStageCompleted(stage, null);
    assertEquals(List.of(), tracker.snapshot().stages());
  }

  @Test
  public void failureDiagnosticsAreShown() {
    tracker.setState(StatusTracker.State.FAILED, "dev.weft.api.JobFailedException: boom");
    DriverStatus s = tracker.snapshot();
    assertEquals("FAILED", s.state());
    assertEquals("dev.weft.api.JobFailedException: boom", s.diagnostics());
  }

  @Test
  public void totalsSumTaskMetricsAndCountEndsByOutcomeAndLocality() {
    StageInfo map = new StageInfo(0, 0, "map", 3, true, List.of());
    tracker.onJobStart(0, List.of(0, 3));
    tracker.onStageSubmitted(map);
    // As the scheduler posts them: the metrics a task reported come with its end.
    tracker.onTaskEnd(task(0, 0, Locality.NODE_LOCAL), success(null), metrics(100, 40, 0));
    tracker.onTaskEnd(task(1, 0, Locality.NODE_LOCAL), success(null), metrics(200, 60, 7));
    tracker.onTaskEnd(
        task(2, 0, Locality.ANY),
        new TaskEndReason.ExceptionFailure("E", "m", "", null, List.of(), null),
        metrics(50, 0, 0));
    tracker.onTaskEnd(task(3, 0, Locality.ANY), new TaskEndReason.Killed("stage ended"), null);
    tracker.onTaskEnd(task(4, 0, Locality.RACK_LOCAL), success(null), metrics(1, 0, 0));
    tracker.onStageCompleted(map, null);
    tracker.onStageSubmitted(stage);
    tracker.onStageCompleted(stage, "fetch failed");
    tracker.onJobEnd(0, "fetch failed");

    DriverStatus.Totals t = DriverStatus.fromJson(tracker.snapshot().toJson()).totals();
    assertEquals(0, t.jobsSucceeded());
    assertEquals(1, t.jobsFailed());
    assertEquals(1, t.stagesSucceeded());
    assertEquals(1, t.stagesFailed());
    assertEquals(3, t.tasksSucceeded());
    assertEquals("the killed attempt is not a failure", 1, t.tasksFailed());
    assertEquals("the failed attempt's reads count too", 351, t.inputBytes());
    assertEquals(100, t.shuffleWriteBytes());
    assertEquals(7, t.diskBytesSpilled());
    assertEquals(Map.of("NODE_LOCAL", 2L, "RACK_LOCAL", 1L), t.tasksByLocality());
  }

  @Test
  public void eventsNumberEachStateChangeWithTasksAndDurations() {
    tracker.onJobStart(7, List.of(3));
    tracker.onStageSubmitted(stage);
    now.addAndGet(1500);
    for (int i = 0; i < 4; i++) {
      tracker.onTaskEnd(task(i), success(null), null);
    }
    tracker.onStageCompleted(stage, null);
    now.addAndGet(500);
    tracker.onJobEnd(7, null);

    assertEquals(
        List.of(
            new DriverStatus.Event(
                1,
                DriverStatus.EventKind.STAGE_SUBMITTED,
                -1,
                3,
                0,
                "reduceByKey at Wc.java:41",
                4,
                0,
                null),
            new DriverStatus.Event(
                2,
                DriverStatus.EventKind.STAGE_COMPLETED,
                -1,
                3,
                0,
                "reduceByKey at Wc.java:41",
                4,
                1500,
                null),
            new DriverStatus.Event(
                3, DriverStatus.EventKind.JOB_ENDED, 7, -1, 0, null, 4, 2000, null)),
        DriverStatus.fromJson(tracker.snapshot().toJson()).events());
    assertEquals(List.of(3L), tracker.poll(2).events().stream().map(e -> e.seq()).toList());
    assertEquals(List.of(), tracker.poll(3).events());
  }

  @Test
  public void onlyTheLatestEventsAreKept() {
    for (int i = 0; i < StatusTracker.MAX_EVENTS + 5; i++) {
      tracker.onJobEnd(i, null);
    }
    List<DriverStatus.Event> kept = tracker.snapshot().events();
    assertEquals(StatusTracker.MAX_EVENTS, kept.size());
    assertEquals(6, kept.get(0).seq());
  }

  @Test
  public void documentsOfOlderDriversHaveNoTotalsAndNoEvents() {
    DriverStatus old =
        DriverStatus.fromJson(
            "{\"state\":\"RUNNING\",\"executors\":1,\"stages\":[],\"diagnostics\":null}");
    assertNull(old.totals());
    assertEquals(List.of(), old.events());
  }

  @Test
  public void finalReadIsAwaitedOnlyWhenSomeoneReads() throws Exception {
    tracker.setFinalReadWait(Duration.ofMillis(50));
    tracker.setState(StatusTracker.State.SUCCEEDED, null);
    assertTrue("nobody polls: no wait", tracker.awaitFinalRead());

    tracker.setState(StatusTracker.State.RUNNING, null);
    tracker.poll(0);
    tracker.setState(StatusTracker.State.SUCCEEDED, null);
    assertFalse("the reader did not come back", tracker.awaitFinalRead());
    tracker.poll(0);
    assertTrue(tracker.awaitFinalRead());
  }

  @Test
  public void statusQueryParameterSinceIsReadLeniently() {
    assertEquals(0, StatusTracker.sinceParameter(null));
    assertEquals(12, StatusTracker.sinceParameter("12"));
    assertEquals(0, StatusTracker.sinceParameter("abc"));
    assertEquals(0, StatusTracker.sinceParameter("-4"));
  }
}
