package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.core.plan.TaskLocation;
import dev.weft.spi.scheduler.Backlog;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/** Delay scheduling and retries, driven by hand: a fake backend and a manual clock. */
public class TaskSchedulerTest {
  private static final long PROCESS_WAIT = 1_000;
  private static final long NODE_WAIT = 3_000;
  private static final long RACK_WAIT = 2_000;
  private static final long REGISTRATION_WAIT = 30_000;

  private long now;
  private final FakeBackend backend = new FakeBackend();
  private final RecordingListener listener = new RecordingListener();
  private TaskScheduler scheduler;

  @Before
  public void setUp() {
    scheduler =
        new TaskScheduler(
            backend,
            () -> now,
            new LocalityWaits(PROCESS_WAIT, NODE_WAIT, RACK_WAIT),
            3,
            REGISTRATION_WAIT,
            listener);
    // hostA and hostB share rack r1; hostC is alone on r2.
    scheduler.executorAdded(new ExecutorDescriptor("eA", "hostA", "r1", 1));
    scheduler.executorAdded(new ExecutorDescriptor("eB", "hostB", "r1", 1));
    scheduler.executorAdded(new ExecutorDescriptor("eC", "hostC", "r2", 1));
  }

  @Test
  public void theBacklogCountsPendingTasksPerPreferredHostAndIsReportedOnlyWhenItChanges() {
    occupy("eA");
    occupy("eB");
    occupy("eC");
    submit(
        10,
        TaskLocation.host("hostA"),
        TaskLocation.host("hostA"),
        TaskLocation.host("hostZ"),
        null);

    scheduler.reportBacklog();
    scheduler.reportBacklog();

    assertEquals(1, backend.backlogs.size());
    Backlog b = backend.backlogs.get(0);
    assertEquals(4, b.pendingTasks());
    assertEquals(3, b.runningTasks());
    assertEquals(Map.of("hostA", 2, "hostZ", 1), b.pendingTasksByHost());
  }

  @Test
  public void launchesOnThePreferredHostAtOnceWhenItHasAFreeCore() {
    submit(0, TaskLocation.host("hostB"));

    assertEquals(1, listener.started.size());
    assertEquals("eB", listener.started.get(0).executorId());
    assertEquals(Locality.NODE_LOCAL, listener.started.get(0).locality());
  }

  @Test
  public void waitsForTheBusyPreferredHostThenFallsBackToItsRackThenToAny() {
    occupy("eA");
    occupy("eB");
    submit(10, TaskLocation.host("hostA"));

    now = NODE_WAIT - 1;
    scheduler.reviveOffers();
    assertEquals("nothing runs before the node wait", 0, startedFor(10).size());

    now = NODE_WAIT;
    scheduler.reviveOffers();
    assertEquals(
        "rack r1 is busy and hostC is on another rack: still waiting", 0, startedFor(10).size());

    now = NODE_WAIT + RACK_WAIT - 1;
    scheduler.reviveOffers();
    assertEquals(0, startedFor(10).size());

    now = NODE_WAIT + RACK_WAIT;
    scheduler.reviveOffers();
    List<TaskInfo> started = startedFor(10);
    assertEquals(1, started.size());
    assertEquals("eC", started.get(0).executorId());
    assertEquals(Locality.ANY, started.get(0).locality());
  }

  @Test
  public void takesAFreeCoreOnTheSameRackOnceTheNodeWaitHasPassed() {
    occupy("eA");
    submit(10, TaskLocation.host("hostA"));
    assertEquals(0, startedFor(10).size());

    now = NODE_WAIT;
    scheduler.reviveOffers();

    List<TaskInfo> started = startedFor(10);
    assertEquals(1, started.size());
    assertEquals("eB", started.get(0).executorId());
    assertEquals(Locality.RACK_LOCAL, started.get(0).locality());
  }

  @Test
  public void takesThePreferredHostIfItFreesUpWithinTheWait() {
    long blocker = occupy("eA");
    submit(10, TaskLocation.host("hostA"));

    now = NODE_WAIT / 2;
    scheduler.taskEnded(blocker, success());

    List<TaskInfo> started = startedFor(10);
    assertEquals(1, started.size());
    assertEquals("eA", started.get(0).executorId());
    assertEquals(Locality.NODE_LOCAL, started.get(0).locality());
  }

  @Test
  public void aCachedPartitionWaitsForItsExecutorThenTakesAnotherOneOnTheSameHost() {
    scheduler.executorAdded(new ExecutorDescriptor("eA2", "hostA", "r1", 1));
    occupy("eA");
    submit(10, TaskLocation.executor("hostA", "eA"));

    now = PROCESS_WAIT - 1;
    scheduler.reviveOffers();
    assertEquals(0, startedFor(10).size());

    now = PROCESS_WAIT;
    scheduler.reviveOffers();
    List<TaskInfo> started = startedFor(10);
    assertEquals(1, started.size());
    assertEquals("eA2", started.get(0).executorId());
    assertEquals(Locality.NODE_LOCAL, started.get(0).locality());
  }

  @Test
  public void tasksWithoutPreferenceRunAtOnceWhileOthersOfTheSetWait() {
    occupy("eA");
    submit(10, TaskLocation.host("hostA"), null);

    List<TaskInfo> started = startedFor(10);
    assertEquals(1, started.size());
    assertEquals(1, started.get(0).partition());
    assertEquals(Locality.NO_PREF, started.get(0).locality());
  }

  @Test
  public void aZeroWaitFallsBackImmediately() {
    scheduler =
        new TaskScheduler(
            backend, () -> now, new LocalityWaits(0, 0, 0), 3, REGISTRATION_WAIT, listener);
    scheduler.executorAdded(new ExecutorDescriptor("eC", "hostC", "r2", 1));
    submit(10, TaskLocation.host("hostA"));

    assertEquals(1, startedFor(10).size());
    assertEquals(Locality.ANY, startedFor(10).get(0).locality());
  }

  @Test
  public void noTaskStartsBeforeTheBackendIsReadySoTheFirstExecutorDoesNotTakeThemAll() {
    backend.ready = false;
    submit(10, TaskLocation.host("hostA"), TaskLocation.host("hostD"));
    assertEquals(0, startedFor(10).size());

    scheduler.executorAdded(new ExecutorDescriptor("eD", "hostD", "r2", 1));
    backend.ready = true;
    scheduler.reviveOffers();

    List<TaskInfo> started = startedFor(10);
    assertEquals(2, started.size());
    for (TaskInfo t : started) {
      assertEquals(Locality.NODE_LOCAL, t.locality());
    }
    assertEquals("eD", started.get(1).executorId());
  }

  @Test
  public void tasksStartOnTheExecutorsThereOnceTheRegistrationWaitRunsOut() {
    backend.ready = false;
    now = 5_000;
    submit(10, TaskLocation.host("hostA"));
    now += REGISTRATION_WAIT - 1;
    scheduler.reviveOffers();
    assertEquals(0, startedFor(10).size());

    now += 1;
    scheduler.reviveOffers();

    assertEquals(1, startedFor(10).size());
    assertEquals(Locality.NODE_LOCAL, startedFor(10).get(0).locality());
  }

  @Test
  public void theLocalityWaitStartsWhenTheRegistrationWaitEnds() {
    scheduler =
        new TaskScheduler(
            backend,
            () -> now,
            new LocalityWaits(PROCESS_WAIT, NODE_WAIT, RACK_WAIT),
            3,
            REGISTRATION_WAIT,
            listener);
    scheduler.executorAdded(new ExecutorDescriptor("busyOnA", "hostA", "r1", 0));
    scheduler.executorAdded(new ExecutorDescriptor("eB", "hostB", "r1", 1));
    backend.ready = false;
    submit(10, TaskLocation.host("hostA"));
    now = NODE_WAIT * 2;
    backend.ready = true;
    scheduler.reviveOffers();
    assertEquals("waits for hostA's executor first", 0, startedFor(10).size());

    now += NODE_WAIT;
    scheduler.reviveOffers();

    assertEquals(1, startedFor(10).size());
    assertEquals(Locality.RACK_LOCAL, startedFor(10).get(0).locality());
  }

  @Test
  public void aPreferenceForAHostWithoutExecutorsDoesNotDelay() {
    submit(10, TaskLocation.host("elsewhere"));

    assertEquals(1, startedFor(10).size());
    assertEquals(Locality.ANY, startedFor(10).get(0).locality());
  }

  @Test
  public void anOutOfMemoryErrorNamesExecutorTaskAndHeapAndTheTaskRunsAgainOnAnotherExecutor() {
    scheduler.executorMemory("1g");
    submit(10, (TaskLocation) null);
    TaskInfo first = startedFor(10).get(0);

    scheduler.taskEnded(
        first.taskId(),
        new TaskEndReason.ExceptionFailure(
            OutOfMemoryError.class.getName(), "Java heap space", "", null, List.of(), null));

    TaskEndReason.ExceptionFailure reported =
        (TaskEndReason.ExceptionFailure) listener.ended.get(0);
    assertEquals(
        "executor "
            + first.executorId()
            + " ran out of memory while running task 0 of stage 10; raise --executor-memory"
            + " (now 1g) [Java heap space]",
        reported.message());
    List<TaskInfo> started = startedFor(10);
    assertEquals(2, started.size());
    assertTrue(
        "the retry avoids the failed executor: " + started.get(1).executorId(),
        !started.get(1).executorId().equals(first.executorId()));
    assertNull(listener.failure);
  }

  @Test
  public void aFailedTaskIsRetriedAndTheSetAbortsAfterMaxFailuresWithTheTasksMessage() {
    submit(10, (TaskLocation) null);
    for (int attempt = 0; attempt < 3; attempt++) {
      List<TaskInfo> started = startedFor(10);
      assertEquals(attempt + 1, started.size());
      assertEquals(attempt, started.get(attempt).attempt());
      assertNull(listener.failure);
      scheduler.taskEnded(started.get(attempt).taskId(), failure("boom " + attempt));
    }
    assertEquals(3, startedFor(10).size());
    assertTrue(listener.failure, listener.failure.contains("failed 3 times"));
    assertTrue(listener.failure, listener.failure.contains("IllegalStateException: boom 2"));
  }

  @Test
  public void anExecutorLossRequeuesItsTasksWithoutCountingAFailure() {
    submit(10, TaskLocation.host("hostA"));
    TaskInfo first = startedFor(10).get(0);

    scheduler.executorRemoved("eA", "container killed");
    now = NODE_WAIT + RACK_WAIT;
    scheduler.reviveOffers();

    List<TaskInfo> started = startedFor(10);
    assertEquals(2, started.size());
    assertEquals(first.partition(), started.get(1).partition());
    assertTrue(listener.ended.get(0) instanceof TaskEndReason.ExecutorLost);
    assertNull(listener.failure);
  }

  @Test
  public void cancellingAStageKillsItsRunningTasksAndForgetsItOnceTheyEnd() {
    submit(10, null, null, null, null);
    assertEquals(3, startedFor(10).size());

    scheduler.cancelStage(10, "job ended");

    assertEquals(3, backend.killed.size());
    for (TaskInfo t : startedFor(10)) {
      scheduler.taskEnded(t.taskId(), new TaskEndReason.Killed("job ended"));
    }
    assertEquals("the fourth task never starts", 3, startedFor(10).size());
    assertTrue(!scheduler.hasActiveSets());
  }

  @Test
  public void aFetchFailureEndsTheAttemptWithoutRetryingOrCountingAFailure() {
    submit(10, null, null, null, null);
    TaskInfo first = startedFor(10).get(0);

    scheduler.taskEnded(
        first.taskId(), new TaskEndReason.FetchFailed(0, 1, 0, "eB", "hostB", "gone"));

    assertEquals("no new task of the failed attempt starts", 3, startedFor(10).size());
    assertNull(listener.failure);
    assertTrue(listener.ended.get(0) instanceof TaskEndReason.FetchFailed);
  }

  // ---- speculation ----

  private static final Speculation SPECULATION = new Speculation(true, 2.0, 0.5, 100);

  /** A speculating scheduler over the given executors (id@host, one core each). */
  private void speculating(String... executors) {
    scheduler =
        new TaskScheduler(
            backend,
            () -> now,
            new LocalityWaits(0, 0, 0),
            3,
            REGISTRATION_WAIT,
            SPECULATION,
            listener);
    for (String e : executors) {
      String[] idHost = e.split("@");
      scheduler.executorAdded(new ExecutorDescriptor(idHost[0], idHost[1], null, 1));
    }
  }

  /** Starts a result (non-map) set of three tasks on eA, eB, eC; the ones on eB and eC succeed. */
  private TaskInfo oneSlowTaskOfThree() {
    submitResultSet(10, 3);
    now = 10;
    TaskInfo slow = null;
    for (TaskInfo t : startedFor(10)) {
      if (t.executorId().equals("eA")) {
        slow = t;
      } else {
        scheduler.taskEnded(t.taskId(), success());
      }
    }
    return slow;
  }

  @Test
  public void aSlowTaskGetsOneCopyOnceItRanPastTheThreshold() {
    speculating("eA@hostA", "eB@hostB", "eC@hostC");
    TaskInfo slow = oneSlowTaskOfThree();

    now = 100; // the threshold is max(minTaskRuntime 100, 2 x median 10) after launch at 0
    scheduler.checkSpeculation();
    assertEquals("not slower than the threshold yet", 3, size(10));

    now = 101;
    scheduler.checkSpeculation();
    scheduler.checkSpeculation();

    List<TaskInfo> started = startedFor(10);
    assertEquals("exactly one copy", 4, started.size());
    TaskInfo copy = started.get(3);
    assertTrue(copy.speculative());
    assertTrue(!slow.speculative());
    assertEquals(slow.partition(), copy.partition());
    assertEquals(1, copy.attempt());
    assertEquals(1, backend.launched.get(backend.launched.size() - 1).attemptNumber());
  }

  @Test
  public void aCopyPrefersAnotherHostToAnotherExecutorOfTheSameHost() {
    speculating("eA@hostA", "eA2@hostA", "eB@hostB");
    TaskInfo slow = slowTaskOnEA();

    now = 200;
    scheduler.checkSpeculation();

    assertEquals(slow.partition(), startedFor(10).get(2).partition());
    assertEquals("eB", startedFor(10).get(2).executorId());
  }

  @Test
  public void aCopyTakesAnotherExecutorOfTheSameHostWhenNoOtherHostIsFree() {
    speculating("eA@hostA", "eA2@hostA", "eB@hostB");
    slowTaskOnEA();
    occupy("eB");

    now = 200;
    scheduler.checkSpeculation();

    assertEquals("eA2", startedFor(10).get(2).executorId());
  }

  /** Task 0 runs on eA, task 1 ran on eB and succeeded at 10. */
  private TaskInfo slowTaskOnEA() {
    scheduler.submit(
        new TaskSet(
            10,
            0,
            10,
            new int[] {0, 1},
            List.of(
                List.of(TaskLocation.executor("hostA", "eA")),
                List.of(TaskLocation.executor("hostB", "eB"))),
            new byte[0],
            false));
    List<TaskInfo> started = startedFor(10);
    assertEquals(List.of("eA", "eB"), started.stream().map(TaskInfo::executorId).toList());
    now = 10;
    scheduler.taskEnded(started.get(1).taskId(), success());
    return started.get(0);
  }

  @Test
  public void theFirstAttemptToSucceedWinsTheOtherIsKilledAndItsLateSuccessIgnored() {
    speculating("eA@hostA", "eB@hostB", "eC@hostC");
    TaskInfo slow = oneSlowTaskOfThree();
    now = 200;
    scheduler.checkSpeculation();
    TaskInfo copy = startedFor(10).get(3);
    int endsBefore = listener.ended.size();

    scheduler.taskEnded(copy.taskId(), success());

    assertEquals(List.of(slow.taskId()), backend.killed);
    assertEquals(endsBefore + 1, listener.ended.size());
    scheduler.taskEnded(slow.taskId(), success()); // finished before the kill reached it
    assertEquals("the loser's success is not reported", endsBefore + 1, listener.ended.size());
    assertTrue(!scheduler.hasActiveSets());
  }

  @Test
  public void whileItsCopyRunsAFailedOriginalIsNotRetriedAndTheCopyFinishesTheTask() {
    speculating("eA@hostA", "eB@hostB", "eC@hostC");
    TaskInfo slow = oneSlowTaskOfThree();
    now = 200;
    scheduler.checkSpeculation();
    TaskInfo copy = startedFor(10).get(3);

    scheduler.taskEnded(slow.taskId(), failure("disk error"));
    assertEquals("no third attempt while the copy runs", 4, startedFor(10).size());
    scheduler.taskEnded(copy.taskId(), success());

    assertNull(listener.failure);
    assertTrue(!scheduler.hasActiveSets());
  }

  @Test
  public void aMapTaskIsNeverCopiedOntoTheExecutorRunningIt() {
    speculating("eA@hostA");
    scheduler.executorAdded(new ExecutorDescriptor("eA", "hostA", null, 2));
    scheduler.submit(
        new TaskSet(10, 0, 10, new int[] {0, 1}, List.of(List.of(), List.of()), new byte[0]));
    scheduler.taskEnded(startedFor(10).get(0).taskId(), success());

    now = 1_000;
    scheduler.checkSpeculation();

    assertEquals("a free core, but only on the executor writing the map output", 2, size(10));
  }

  @Test
  public void aResultTaskMayBeCopiedOntoTheSameExecutorWhenThereIsNoOther() {
    speculating();
    scheduler.executorAdded(new ExecutorDescriptor("driver", "localhost", null, 2));
    submitResultSet(10, 2);
    scheduler.taskEnded(startedFor(10).get(0).taskId(), success());

    now = 1_000;
    scheduler.checkSpeculation();

    assertEquals(3, size(10));
    assertTrue(startedFor(10).get(2).speculative());
    assertEquals("driver", startedFor(10).get(2).executorId());
  }

  @Test
  public void speculationIsOffUnlessEnabled() {
    submitResultSet(10, 3);
    scheduler.taskEnded(startedFor(10).get(0).taskId(), success());
    scheduler.taskEnded(startedFor(10).get(1).taskId(), success());

    now = 1_000_000;
    scheduler.checkSpeculation();
    scheduler.reviveOffers();

    assertEquals(3, size(10));
  }

  @Test
  public void theBacklogCountsASlowTaskWaitingForACoreForItsCopy() {
    speculating("eA@hostA", "eB@hostB");
    submitResultSet(10, 3);
    scheduler.taskEnded(startedFor(10).get(0).taskId(), success()); // the third task starts
    scheduler.taskEnded(startedFor(10).get(2).taskId(), success());
    occupy("eA"); // a task of an earlier job takes the free core
    TaskInfo slow = startedFor(10).get(1);
    assertEquals("eB", slow.executorId());

    now = 1_000;
    scheduler.checkSpeculation();
    scheduler.reportBacklog();

    assertEquals(3, size(10));
    Backlog b = backend.backlogs.get(backend.backlogs.size() - 1);
    assertEquals(1, b.pendingTasks());
  }

  @Test
  public void aPartitionCompletedByAnotherAttemptOfTheStageStopsHereAndItsTasksAreKilled() {
    speculating("eA@hostA", "eB@hostB");
    submitResultSet(10, 2);
    TaskInfo zombieTask = startedFor(10).get(0);
    scheduler.markZombie(10, 0);

    scheduler.partitionCompleted(10, zombieTask.partition());

    assertEquals(List.of(zombieTask.taskId()), backend.killed);
  }

  @Test
  public void completingPartitionsOfOneStageLeavesTheTaskSetsOfOtherStagesAlone() {
    speculating("eA@hostA", "eB@hostB");
    submitResultSet(10, 2); // both tasks of stage 10 take the two cores
    submitResultSet(11, 2);
    assertEquals(2, scheduler.pendingTaskCount());

    scheduler.partitionCompleted(10, 0);
    scheduler.partitionCompleted(10, 1);

    assertEquals("stage 10's running tasks are killed", 2, backend.killed.size());
    assertEquals("stage 11 still waits for its two tasks", 2, scheduler.pendingTaskCount());
    assertEquals(List.of(), scheduler.runningTasksOf(10));
    scheduler.partitionCompleted(11, 0);
    assertEquals("stage 11 took the completion of its own partition", 1, pendingCount());
    assertTrue(scheduler.hasActiveSets());
  }

  @Test
  public void theTaskIndexOfAPartitionIsFoundAndPartitionsOutsideTheSetAreMinusOne() {
    int[] index = TaskSetManager.indexByPartition(new int[] {4, 1, 7});
    assertEquals(8, index.length);
    assertEquals(0, index[4]);
    assertEquals(1, index[1]);
    assertEquals(2, index[7]);
    assertEquals(-1, index[0]);
    assertEquals(-1, index[5]);
    assertEquals(0, TaskSetManager.indexByPartition(new int[0]).length);
  }

  @Test
  public void thePendingCountFollowsLaunchesFailuresLostExecutorsKillsAndCompletionsElsewhere() {
    speculating("eA@hostA", "eB@hostB");
    submitResultSet(10, 6);
    assertEquals("two of six launched", 4, scheduler.pendingTaskCount());

    scheduler.taskEnded(runningOn("eA").taskId(), failure("boom"));
    assertEquals("the failed task is pending again, another took its core", 4, pendingCount());

    scheduler.taskEnded(runningOn("eB").taskId(), success());
    assertEquals("the freed core took a pending task", 3, pendingCount());

    scheduler.executorRemoved("eB", "lost");
    assertEquals("its running task is pending again, with no core to take it", 4, pendingCount());

    int neverStarted = 5;
    assertTrue(startedFor(10).stream().noneMatch(t -> t.partition() == neverStarted));
    scheduler.partitionCompleted(10, neverStarted);
    assertEquals("completed elsewhere: not pending any more", 3, pendingCount());

    scheduler.executorRemoved("eA", "lost");
    assertEquals(4, pendingCount());
    scheduler.executorAdded(new ExecutorDescriptor("eC", "hostC", null, 1));
    TaskInfo onC = runningOn("eC");
    scheduler.taskEnded(onC.taskId(), new TaskEndReason.Killed("asked"));
    assertEquals("a killed task is pending again and takes the core back", 3, pendingCount());

    scheduler.markZombie(10, 0);
    assertEquals("a zombie set launches nothing more", 0, pendingCount());
  }

  private int pendingCount() {
    return scheduler.pendingTaskCount();
  }

  /** The running attempt on an executor (the one started last there). */
  private TaskInfo runningOn(String executorId) {
    List<TaskInfo> on =
        listener.started.stream().filter(t -> t.executorId().equals(executorId)).toList();
    return on.get(on.size() - 1);
  }

  private void submitResultSet(int stageId, int tasks) {
    List<List<TaskLocation>> prefs = new ArrayList<>();
    int[] partitions = new int[tasks];
    for (int i = 0; i < tasks; i++) {
      partitions[i] = i;
      prefs.add(List.of());
    }
    scheduler.submit(new TaskSet(stageId, 0, stageId, partitions, prefs, new byte[0], false));
  }

  private int size(int stageId) {
    return startedFor(stageId).size();
  }

  // ---- helpers ----

  /** Submits stage {@code stageId}; task i prefers {@code prefs[i]} (null: no preference). */
  private void submit(int stageId, TaskLocation... prefs) {
    List<List<TaskLocation>> p = new ArrayList<>();
    int[] partitions = new int[prefs.length];
    for (int i = 0; i < prefs.length; i++) {
      partitions[i] = i;
      p.add(prefs[i] == null ? List.of() : List.of(prefs[i]));
    }
    scheduler.submit(new TaskSet(stageId, 0, stageId, partitions, p, new byte[0]));
  }

  /** Runs a one-task set of an earlier job on {@code executorId}; returns its task id. */
  private long occupy(String executorId) {
    int stage = listener.started.size() - 1000;
    scheduler.submit(
        new TaskSet(
            stage,
            0,
            -1,
            new int[] {0},
            List.of(List.of(TaskLocation.executor("host-of-" + executorId, executorId))),
            new byte[0]));
    TaskInfo t = listener.started.get(listener.started.size() - 1);
    assertEquals(executorId, t.executorId());
    return t.taskId();
  }

  private List<TaskInfo> startedFor(int stageId) {
    return listener.started.stream().filter(t -> t.stageId() == stageId).toList();
  }

  private static TaskEndReason success() {
    return new TaskEndReason.Success(new byte[0], List.of(), null);
  }

  private static TaskEndReason failure(String message) {
    return new TaskEndReason.ExceptionFailure(
        IllegalStateException.class.getName(), message, "", null, List.of(), null);
  }

  private static final class FakeBackend implements SchedulerBackend {
    final List<Backlog> backlogs = new ArrayList<>();
    final List<TaskDescription> launched = new ArrayList<>();
    boolean ready = true;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void backlogChanged(Backlog backlog) {
      backlogs.add(backlog);
    }

    final List<Long> killed = new ArrayList<>();

    @Override
    public void start(SchedulerCallbacks callbacks) {}

    @Override
    public void launchTask(TaskDescription task) {
      launched.add(task);
    }

    @Override
    public void killTask(String executorId, long taskId, String reason) {
      killed.add(taskId);
    }

    @Override
    public void unpersist(int nodeId) {}

    @Override
    public void removeBroadcast(long broadcastId) {}

    @Override
    public int defaultParallelism() {
      return 1;
    }

    @Override
    public String applicationId() {
      return "test";
    }

    @Override
    public void stop() {}
  }

  private static final class RecordingListener implements TaskSchedulerListener {
    final List<TaskInfo> started = new ArrayList<>();
    final List<TaskEndReason> ended = new ArrayList<>();
    String failure;

    @Override
    public void taskStarted(TaskInfo task) {
      started.add(task);
    }

    @Override
    public void taskEnded(TaskInfo task, TaskEndReason reason) {
      ended.add(reason);
    }

    @Override
    public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
      failure = reason;
    }
  }
}
