package dev.weft.executor;

import dev.weft.executor.faults.FaultInjector;
import dev.weft.spi.scheduler.TaskDescription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the tasks the driver launches on this executor, each on its own thread, and reports how they
 * end. The same class serves the in-process {@code local[N]} executor and executors in YARN
 * containers.
 */
public final class Executor {
  private static final Logger LOG = LogManager.getLogger(Executor.class);

  private final ExecutorEnv env;
  private final TaskStatusReporter reporter;
  private final FaultInjector faults;
  private final Runnable onOutOfMemory;
  private final ExecutorService threads;
  private final Map<Long, TaskRunner> running = new ConcurrentHashMap<>();

  public Executor(ExecutorEnv env, TaskStatusReporter reporter) {
    this(env, reporter, FaultInjector.NONE);
  }

  /** An executor whose tasks get the faults {@code faults} injects. */
  public Executor(ExecutorEnv env, TaskStatusReporter reporter, FaultInjector faults) {
    this(env, reporter, faults, () -> {});
  }

  /**
   * An executor that runs {@code onOutOfMemory} after a task ran out of memory and its failure was
   * reported: executors of their own process stop there (fail-stop), since after an {@link
   * OutOfMemoryError} the state of any object in the JVM is unknown. The in-process executor of
   * {@code local[N]} shares the driver's JVM and passes a no-op.
   */
  public Executor(
      ExecutorEnv env, TaskStatusReporter reporter, FaultInjector faults, Runnable onOutOfMemory) {
    this.env = env;
    this.reporter = reporter;
    this.faults = faults;
    this.onOutOfMemory = onOutOfMemory;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "weft-task-" + env.executorId() + "-" + n.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  public ExecutorEnv env() {
    return env;
  }

  /** Starts a task; its end is reported to the reporter. */
  public void launch(TaskDescription task) {
    TaskRunner runner =
        new TaskRunner(
            task, env, reporter, faults, () -> running.remove(task.taskId()), onOutOfMemory);
    running.put(task.taskId(), runner);
    threads.execute(runner);
  }

  /** Asks a running task to stop; unknown (finished) tasks are ignored. */
  public void kill(long taskId, String reason) {
    TaskRunner r = running.get(taskId);
    if (r != null) {
      LOG.info("Killing task {}: {}", taskId, reason);
      r.kill(reason);
    }
  }

  public int runningTasks() {
    return running.size();
  }

  /** The ids of the tasks running now. */
  public java.util.List<Long> runningTaskIds() {
    return java.util.List.copyOf(running.keySet());
  }

  /** Kills running tasks and stops the threads. */
  public void stop() {
    for (TaskRunner r : running.values()) {
      r.kill("executor stopping");
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
