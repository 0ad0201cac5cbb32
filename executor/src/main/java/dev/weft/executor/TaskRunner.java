package dev.weft.executor;

import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.StageBinary;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskKilledException;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.serial.JavaSerializer;
import dev.weft.executor.faults.FaultInjector;
import dev.weft.executor.memory.TaskMemoryManager;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs one task attempt on an executor thread: deserializes the stage binary, computes the
 * partition under the task's memory grant, and reports the result, the failure (with the user's
 * exception) or the fetch failure. Always releases the task's memory and runs its completion
 * listeners. Injects the faults of {@code weft.faults.*} that name the attempt.
 */
final class TaskRunner implements Runnable {
  private static final Logger LOG = LogManager.getLogger(TaskRunner.class);

  private final TaskDescription task;
  private final ExecutorEnv env;
  private final TaskStatusReporter reporter;
  private final FaultInjector faults;
  private final Runnable onFinish;
  private final Runnable onOutOfMemory;
  private volatile TaskContextImpl context;
  private volatile Thread thread;
  private volatile String killReason;

  TaskRunner(
      TaskDescription task,
      ExecutorEnv env,
      TaskStatusReporter reporter,
      FaultInjector faults,
      Runnable onFinish,
      Runnable onOutOfMemory) {
    this.task = task;
    this.env = env;
    this.reporter = reporter;
    this.faults = faults;
    this.onFinish = onFinish;
    this.onOutOfMemory = onOutOfMemory;
  }

  long taskId() {
    return task.taskId();
  }

  /** Asks the task to stop: it is marked interrupted and its thread is interrupted. */
  void kill(String reason) {
    killReason = reason;
    TaskContextImpl c = context;
    if (c != null) {
      c.markInterrupted();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    Thread.interrupted(); // a kill aimed at this thread's previous task must not reach this one
    ClassLoader previousLoader = thread.getContextClassLoader();
    thread.setContextClassLoader(env.classLoader());
    TaskMemoryManager memory = new TaskMemoryManager(env.memory(), task.taskId());
    TaskScopedRuntime runtime = new TaskScopedRuntime(env, memory);
    TaskContextImpl ctx =
        new TaskContextImpl(
            task.stageId(),
            task.stageAttempt(),
            task.partition(),
            task.attemptNumber(),
            task.taskId(),
            runtime);
    context = ctx;
    if (killReason != null) {
      ctx.markInterrupted();
    }
    TaskContextImpl.setCurrent(ctx);
    long start = System.nanoTime();
    long gcStart = gcMillis();
    TaskEndReason end = null;
    boolean outOfMemory = false;
    try {
      faults.beforeTask(task);
      StageBinary.Shipped shipped = JavaSerializer.deserialize(task.binary());
      env.serializer().avroSchemas().registerShared(shipped.avroSchemas());
      Object value = shipped.stage().run(ctx, task.partition());
      if (shipped.stage() instanceof StageBinary.MapBinary<?, ?, ?> map
          && faults.damagesMapOutputs()) {
        faults.afterMapOutput(
            task, map.dependency().shuffleId(), (MapStatus) value, env.localDirs());
      }
      ctx.markCompleted();
      byte[] bytes = env.serializer().serialize(value);
      TaskMetrics m = finishMetrics(ctx, memory, start, gcStart);
      m.resultBytes = bytes.length;
      end = new TaskEndReason.Success(bytes, List.copyOf(ctx.accumulators()), m);
    } catch (Throwable t) {
      outOfMemory = killReason == null && findCause(t, OutOfMemoryError.class) != null;
      try {
        ctx.markCompleted(); // listeners not run yet when the task itself failed
      } catch (Throwable cleanup) {
        if (cleanup != t) {
          t.addSuppressed(cleanup);
        }
      }
      end = failure(t, ctx, finishMetrics(ctx, memory, start, gcStart));
    } finally {
      runtime.deleteTempFiles();
      long leaked = memory.releaseAll();
      if (leaked > 0) {
        LOG.debug("{} released {} bytes of execution memory at its end", task.name(), leaked);
      }
      TaskContextImpl.setCurrent(null);
      thread.setContextClassLoader(previousLoader);
      onFinish.run();
      Thread.interrupted(); // do not leak a kill's interrupt into the next task on this thread
      // Every task is reported, even when building its end reason failed: an action waits on it.
      reporter.taskEnded(
          task.taskId(),
          end != null
              ? end
              : new TaskEndReason.ExceptionFailure(
                  Error.class.getName(),
                  "the task failed and its failure could not be described",
                  "",
                  null,
                  List.of(),
                  null));
      if (outOfMemory) {
        // After an OutOfMemoryError any object of this JVM may be half-built: the task's end is
        // reported (the driver names the executor and the heap to raise), then the executor stops.
        LOG.error("{} ran out of memory; the executor stops", task.name());
        onOutOfMemory.run();
      }
    }
  }

  private TaskEndReason failure(Throwable t, TaskContextImpl ctx, TaskMetrics metrics) {
    // A kill interrupts the thread, and an interrupted file read looks like a failed fetch: a
    // killed task is reported as killed, never as a lost map output.
    if (killReason != null
        || ctx.isInterrupted()
        || findCause(t, TaskKilledException.class) != null) {
      return new TaskEndReason.Killed(killReason != null ? killReason : describe(t));
    }
    FetchFailedException fetch = findCause(t, FetchFailedException.class);
    if (fetch != null) {
      return new TaskEndReason.FetchFailed(
          fetch.shuffleId(),
          fetch.mapId(),
          fetch.reduceId(),
          fetch.executorId(),
          fetch.host(),
          describe(fetch),
          fetch.serviceUnreachable());
    }
    if (t instanceof VirtualMachineError) {
      LOG.error("{} hit a fatal error", task.name(), t);
    } else {
      LOG.warn("{} failed: {}", task.name(), describe(t));
    }
    String message;
    String trace;
    try {
      message = t.getMessage();
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      trace = w.toString();
    } catch (RuntimeException e) {
      // A user exception whose getMessage or toString throws still ends the task.
      message = "(the exception's message could not be read: " + e + ")";
      trace = "";
    }
    return new TaskEndReason.ExceptionFailure(
        t.getClass().getName(), message, trace, serializableOrNull(t), List.of(), metrics);
  }

  private static String describe(Throwable t) {
    try {
      return String.valueOf(t.getMessage() != null ? t.getMessage() : t);
    } catch (RuntimeException e) {
      return t.getClass().getName();
    }
  }

  private static Throwable serializableOrNull(Throwable t) {
    try {
      JavaSerializer.serialize(t);
      return t;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static TaskMetrics finishMetrics(
      TaskContextImpl ctx, TaskMemoryManager memory, long startNanos, long gcStart) {
    TaskMetrics m = ctx.metrics();
    m.executorRunTimeNanos = System.nanoTime() - startNanos;
    m.gcTimeMillis = gcMillis() - gcStart;
    m.peakExecutionMemory = Math.max(m.peakExecutionMemory, memory.peakExecutionMemory());
    return m;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
