package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;

import dev.weft.core.scheduler.Locality;
import dev.weft.core.scheduler.SchedulerListener.StageInfo;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.List;
import org.junit.Test;

public class StatusTrackerTest {
  private final StatusTracker tracker = new StatusTracker();
  private final StageInfo stage =
      new StageInfo(3, 0, "reduceByKey at Wc.java:41", 4, false, List.of());

  private static TaskInfo task(long id) {
    return new TaskInfo(id, 3, 0, (int) id, (int) id, 0, "1", "n1", Locality.values()[0], 0, 0);
  }

  @Test
  public void statusJsonFollowsStageAndTaskEvents() {
    tracker.setState(StatusTracker.State.RUNNING, null);
    tracker.setExecutors(2);
    tracker.onStageSubmitted(stage);
    tracker.onTaskStart(task(0));
    tracker.onTaskStart(task(1));
    tracker.onTaskStart(task(2));
    tracker.onTaskEnd(task(0), new TaskEndReason.Success(new byte[0], List.of(), null), null);
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
}
