package dev.weft.engine;

import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Records how every task attempt of a context ended, for tests that count attempts. */
final class TaskLog implements SchedulerListener {
  /** One ended attempt. */
  record End(TaskInfo task, TaskEndReason reason) {
    boolean succeeded() {
      return reason instanceof TaskEndReason.Success;
    }
  }

  private final WeftContext weft;
  private final List<End> ends = new ArrayList<>();
  private final List<TaskInfo> starts = new ArrayList<>();
  private final Map<Integer, Integer> runningByStage = new HashMap<>();

  private TaskLog(WeftContext weft) {
    this.weft = weft;
  }

  static TaskLog of(WeftContext weft) {
    TaskLog log = new TaskLog(weft);
    Internals.of(weft).addSchedulerListener(log);
    return log;
  }

  @Override
  public synchronized void onTaskStart(TaskInfo task) {
    starts.add(task);
    runningByStage.merge(task.stageId(), 1, Integer::sum);
  }

  @Override
  public synchronized void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
    ends.add(new End(task, reason));
    runningByStage.merge(task.stageId(), -1, Integer::sum);
  }

  /** The ends delivered so far, once the listener bus caught up. */
  List<End> ends() {
    catchUp();
    synchronized (this) {
      return List.copyOf(ends);
    }
  }

  /** The attempts started so far, once the listener bus caught up. */
  List<TaskInfo> starts() {
    catchUp();
    synchronized (this) {
      return List.copyOf(starts);
    }
  }

  /** Waits until every attempt started of {@code stageId} has ended (stragglers included). */
  void awaitAllEnded(int stageId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (running(stageId) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("attempts of stage " + stageId + " still running after 30 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private int running(int stageId) {
    catchUp();
    synchronized (this) {
      return runningByStage.getOrDefault(stageId, 0);
    }
  }

  private void catchUp() {
    try {
      if (!Internals.of(weft).listenerBus().waitUntilEmpty(Duration.ofSeconds(10))) {
        throw new AssertionError("the listener bus did not catch up");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  List<End> ends(Predicate<End> which) {
    return ends().stream().filter(which).toList();
  }

  /** The partitions of a stage's successful attempts, sorted, a partition once per success. */
  List<Integer> succeededPartitions(int stageId) {
    List<Integer> partitions = new ArrayList<>();
    for (End e : ends(e -> e.task().stageId() == stageId && e.succeeded())) {
      partitions.add(e.task().partition());
    }
    partitions.sort(null);
    return partitions;
  }

  long count(Class<? extends TaskEndReason> reason) {
    return ends(e -> reason.isInstance(e.reason())).size();
  }
}
