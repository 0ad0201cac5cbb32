package dev.weft.shuffle.server;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Runs disk work on the server's disk threads, at most {@code perApp} tasks of one application at a
 * time, so an application whose files are slow to open (a slow disk, or a FIFO raced into place of
 * a shuffle file, which blocks its open) holds at most that many threads and every other
 * application keeps the rest. Tasks beyond an application's share wait in its own queue; at most
 * {@code maxWaiting} wait over all applications, beyond which a task is refused. Thread-safe.
 */
final class DiskScheduler {
  private final ThreadPoolExecutor pool;
  private final int perApp;
  private final int maxWaiting;
  private final Map<String, AppTasks> apps = new HashMap<>();
  private int waiting;

  /** One application's running count and waiting tasks. */
  private static final class AppTasks {
    int running;
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  }

  /**
   * @param pool the disk threads
   * @param perApp tasks of one application running at once
   * @param maxWaiting tasks waiting for their application's share, over all applications
   */
  DiskScheduler(ThreadPoolExecutor pool, int perApp, int maxWaiting) {
    this.pool = pool;
    this.perApp = perApp;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Runs {@code task} for {@code appId} now or after the application's earlier tasks.
   *
   * @throws RejectedExecutionException when too many tasks wait, or the threads are stopped
   */
  synchronized void submit(String appId, Runnable task) {
    AppTasks tasks = apps.computeIfAbsent(appId, id -> new AppTasks());
    if (tasks.running < perApp) {
      tasks.running++;
      start(appId, tasks, task);
    } else if (waiting < maxWaiting) {
      tasks.waiting.add(task);
      waiting++;
    } else {
      throw new RejectedExecutionException(waiting + " disk tasks are waiting");
    }
  }

  private void start(String appId, AppTasks tasks, Runnable task) {
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } finally {
              finished(appId);
            }
          });
    } catch (RejectedExecutionException e) {
      tasks.running--;
      if (tasks.running == 0 && tasks.waiting.isEmpty()) {
        apps.remove(appId);
      }
      throw e;
    }
  }

  private synchronized void finished(String appId) {
    AppTasks tasks = apps.get(appId);
    tasks.running--;
    Runnable next = tasks.waiting.poll();
    if (next != null) {
      waiting--;
      tasks.running++;
      try {
        start(appId, tasks, next);
      } catch (RejectedExecutionException stopped) {
        // The server is stopping: the connection waiting for this task is being closed too.
      }
    } else if (tasks.running == 0) {
      apps.remove(appId);
    }
  }
}
