package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;

import dev.weft.core.plan.TaskLocation;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/** What the task scheduler tells dynamic allocation: pending and running tasks, idle executors. */
public class TaskSchedulerActivityTest {
  private static final long BUSY = ExecutorAllocationManager.BUSY;

  private long now = 100;
  private final List<TaskDescription> launched = new ArrayList<>();
  private TaskScheduler scheduler;

  @Before
  public void setUp() {
    scheduler =
        new TaskScheduler(
            new LaunchRecorder(),
            () -> now,
            new LocalityWaits(0, 0, 0),
            3,
            0,
            new TaskSchedulerListener() {
              @Override
              public void taskStarted(TaskInfo task) {}

              @Override
              public void taskEnded(TaskInfo task, TaskEndReason reason) {}

              @Override
              public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {}
            });
    scheduler.executorAdded(new ExecutorDescriptor("e1", "host1", null, 2));
  }

  @Test
  public void anExecutorIsIdleSinceItRegisteredUntilItRunsATask() {
    assertEquals(Map.of("e1", 100L), scheduler.executorIdleSince());

    submit(1, 1);

    assertEquals(Map.of("e1", BUSY), scheduler.executorIdleSince());
  }

  @Test
  public void anExecutorIsIdleSinceItsLastTaskEndedOnceNoCoreIsBusy() {
    submit(1, 2);

    now = 500;
    scheduler.taskEnded(launched.get(0).taskId(), success());
    assertEquals("one core still busy", Map.of("e1", BUSY), scheduler.executorIdleSince());

    now = 900;
    scheduler.taskEnded(launched.get(1).taskId(), success());
    assertEquals(Map.of("e1", 900L), scheduler.executorIdleSince());
  }

  @Test
  public void countsPendingAndRunningTasksOfEveryActiveSet() {
    submit(1, 3);
    submit(2, 4);

    assertEquals(5, scheduler.pendingTaskCount());
    assertEquals(2, scheduler.runningTaskCount());
  }

  @Test
  public void aZombieSetHasNoPendingTasksButItsRunningTasksCount() {
    submit(1, 5);

    scheduler.markZombie(1, 0);

    assertEquals(0, scheduler.pendingTaskCount());
    assertEquals(2, scheduler.runningTaskCount());
  }

  @Test
  public void aRemovedExecutorIsForgotten() {
    scheduler.executorRemoved("e1", "released");

    assertEquals(Map.of(), scheduler.executorIdleSince());
  }

  /** Submits stage {@code stageId} with {@code tasks} tasks without preferences. */
  private void submit(int stageId, int tasks) {
    int[] partitions = new int[tasks];
    for (int i = 0; i < tasks; i++) {
      partitions[i] = i;
    }
    List<List<TaskLocation>> prefs = Collections.nCopies(tasks, List.of());
    scheduler.submit(new TaskSet(stageId, 0, stageId, partitions, prefs, new byte[0]));
  }

  private static TaskEndReason success() {
    return new TaskEndReason.Success(new byte[0], List.of(), null);
  }

  private final class LaunchRecorder implements SchedulerBackend {
    @Override
    public void start(SchedulerCallbacks callbacks) {}

    @Override
    public void launchTask(TaskDescription task) {
      launched.add(task);
    }

    @Override
    public void killTask(String executorId, long taskId, String reason) {}

    @Override
    public void unpersist(int nodeId) {}

    @Override
    public void removeBroadcast(long broadcastId) {}

    @Override
    public int defaultParallelism() {
      return 2;
    }

    @Override
    public String applicationId() {
      return "test";
    }

    @Override
    public void stop() {}
  }
}
