package dev.weft.core.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class AppStatusStoreTest {
  private long now = 1_000;
  private final AppStatusStore store =
      new AppStatusStore(new AppStatusStore.Limits(2, 10, 2, 1), () -> now);

  private static StatusEvent.TaskRef task(long id, int stage, String executor) {
    return new StatusEvent.TaskRef(id, stage, 0, (int) id, (int) id, 0, executor, "h1", "ANY", 100);
  }

  private static TaskFigures records(long in) {
    return new TaskFigures(10, 1, in * 8, in, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  private void runStage(int job, int stage, List<Integer> parents, int tasks) {
    store.accept(new StatusEvent.StageSubmitted(now, stage, 0, "s" + stage, tasks, false, parents));
    for (int t = 0; t < tasks; t++) {
      long id = stage * 100L + t;
      store.accept(new StatusEvent.TaskStarted(now, task(id, stage, "1")));
      store.accept(
          new StatusEvent.TaskEnded(
              now + 5, task(id, stage, "1"), TaskOutcome.SUCCESS, null, records(10)));
    }
    store.accept(new StatusEvent.StageCompleted(now + 6, stage, 0, null));
  }

  @Test
  public void stageTotalsCountEveryTaskWhileOnlyTheNewestTasksAreKept() {
    store.accept(new StatusEvent.ExecutorAdded(now, "1", "h1", 2, 1 << 20, null));
    store.accept(
        new StatusEvent.JobStarted(
            now, 0, "count", List.of(new StatusEvent.StageRef(0, "s0", 5, false, List.of()))));
    runStage(0, 0, List.of(), 5);
    store.accept(new StatusEvent.JobEnded(now + 7, 0, null));

    assertEquals(50, store.stage(0, 0).totals().inputRecords());
    assertEquals(5, store.stage(0, 0).numCompleteTasks());
    assertEquals(2, store.tasks(0, 0).size()); // retainedTasks = 2
    assertEquals(List.of(3L, 4L), store.tasks(0, 0).stream().map(t -> t.taskId()).toList());
    assertEquals(5, store.job(0).numCompletedTasks());
    assertEquals(5, store.executors().get(0).completedTasks());
    assertEquals(0, store.executors().get(0).activeTasks());
  }

  @Test
  public void aStageWhoseOutputExistedIsSkippedInTheLaterJob() {
    StatusEvent.StageRef map = new StatusEvent.StageRef(0, "map", 2, true, List.of());
    StatusEvent.StageRef first = new StatusEvent.StageRef(1, "r1", 1, false, List.of(0));
    StatusEvent.StageRef second = new StatusEvent.StageRef(2, "r2", 1, false, List.of(0));
    store.accept(new StatusEvent.JobStarted(now, 0, "j0", List.of(first, map)));
    runStage(0, 0, List.of(), 2);
    runStage(0, 1, List.of(0), 1);
    store.accept(new StatusEvent.JobEnded(now, 0, null));
    store.accept(new StatusEvent.JobStarted(now, 1, "j1", List.of(second, map)));
    runStage(1, 2, List.of(0), 1);
    store.accept(new StatusEvent.JobEnded(now, 1, null));

    List<String> states = store.dag(1).stream().map(n -> n.stageId() + ":" + n.status()).toList();
    assertEquals(List.of("0:SKIPPED", "2:COMPLETE"), states);
    assertEquals(1, store.job(1).numSkippedStages());
    assertEquals(1, store.job(1).numTasks());
  }

  @Test
  public void failedTasksCountAgainstStageJobAndExecutorButKillsDoNot() {
    store.accept(new StatusEvent.ExecutorAdded(now, "1", "h1", 2, 0, null));
    store.accept(
        new StatusEvent.JobStarted(
            now, 0, "j", List.of(new StatusEvent.StageRef(0, "s", 2, false, List.of()))));
    store.accept(new StatusEvent.StageSubmitted(now, 0, 0, "s", 2, false, List.of()));
    store.accept(new StatusEvent.TaskStarted(now, task(1, 0, "1")));
    store.accept(new StatusEvent.TaskStarted(now, task(2, 0, "1")));
    store.accept(
        new StatusEvent.TaskEnded(
            now, task(1, 0, "1"), TaskOutcome.FAILED, "java.io.IOException: disk", null));
    store.accept(new StatusEvent.TaskEnded(now, task(2, 0, "1"), TaskOutcome.KILLED, "k", null));

    assertEquals(1, store.stage(0, 0).numFailedTasks());
    assertEquals(1, store.stage(0, 0).numKilledTasks());
    assertEquals(0, store.stage(0, 0).numActiveTasks());
    assertEquals(1, store.job(0).numFailedTasks());
    assertEquals(1, store.executors().get(0).failedTasks());
    assertEquals("java.io.IOException: disk", store.tasks(0, 0).get(0).error());
  }

  @Test
  public void executorsOverTimeAndRemovedExecutorsBeyondTheLimitAreForgotten() {
    store.accept(new StatusEvent.AppStarted(now, "app-1", null, "a", "ann", Map.of()));
    store.accept(new StatusEvent.ExecutorAdded(2000, "1", "h1", 1, 0, "http://nm/logs/1"));
    store.accept(new StatusEvent.ExecutorAdded(3000, "2", "h2", 1, 0, null));
    store.accept(new StatusEvent.ExecutorRemoved(4000, "1", "lost"));
    store.accept(new StatusEvent.ExecutorRemoved(5000, "2", "idle"));

    assertEquals(
        List.of(0, 1, 2, 1, 0),
        store.application().executorCounts().stream().map(c -> c.executors()).toList());
    assertEquals(List.of("2"), store.executors().stream().map(e -> e.id()).toList());
  }

  @Test
  public void cachedDatasetsShowTheFractionCachedAndWhereTheBlocksAre() {
    store.accept(new StatusEvent.ExecutorAdded(now, "1", "h1", 1, 0, null));
    store.accept(new StatusEvent.DatasetCached(now, 7, "map [7]", 4, "MEMORY_ONLY"));
    store.accept(new StatusEvent.BlockUpdated(now, "1", 7, 0, "MEMORY_ONLY", 100, 0));
    store.accept(new StatusEvent.BlockUpdated(now, "1", 7, 1, "MEMORY_ONLY", 50, 0));
    store.accept(new StatusEvent.BlockUpdated(now, "1", 7, 1, "NONE", 0, 0));

    Views.Dataset d = store.datasets().get(0);
    assertEquals(1, d.numCachedPartitions());
    assertEquals(0.25, d.fractionCached(), 0.0);
    assertEquals(100, d.memoryUsed());
    assertEquals(100, store.executors().get(0).storageMemoryUsed());
    store.accept(new StatusEvent.DatasetUnpersisted(now, 7));
    assertEquals(List.of(), store.datasets());
  }

  @Test
  public void runningThingsHaveADurationUpToNowAndUnknownOnesNoView() {
    store.accept(new StatusEvent.AppStarted(1000, "app-1", "1", "a", "ann", Map.of()));
    now = 4000;
    assertEquals(3000, store.application().duration());
    assertEquals("RUNNING", store.application().state());
    assertNull(store.job(3));
    assertNull(store.stage(3, 0));
    assertNull(store.tasks(3, 0));
  }
}
