package dev.weft.core.status;

import dev.weft.api.StorageLevel;
import dev.weft.core.config.Redaction;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns the scheduler's listener calls into {@link StatusEvent}s, each stamped once, and hands
 * every event to every sink in order: the status model of the live UI and the event log see the
 * same events with the same times. Runs on the listener bus's thread.
 */
public final class StatusEventSource implements SchedulerListener {
  private static final Logger LOG = LogManager.getLogger(StatusEventSource.class);
  private final List<Consumer<StatusEvent>> sinks = new CopyOnWriteArrayList<>();
  private final LongSupplier clock;
  private final long executorMemoryBytes;
  private volatile Function<String, String> logUrls = id -> null;
  private volatile String attemptId;
  private StatusEvent.AppStarted started;
  // Executors alive now, replayed to a late sink so that it shows them (a UI attached after the
  // local executor registered would otherwise never learn of it).
  private final Map<String, StatusEvent.ExecutorAdded> liveExecutors = new LinkedHashMap<>();

  /**
   * @param clock epoch milliseconds
   * @param executorMemoryBytes each executor's heap, shown as its memory
   */
  public StatusEventSource(LongSupplier clock, long executorMemoryBytes) {
    this.clock = clock;
    this.executorMemoryBytes = executorMemoryBytes;
  }

  /**
   * Adds a receiver of every later event. A sink added after the application started receives its
   * {@link StatusEvent.AppStarted} first and then an {@link StatusEvent.ExecutorAdded} for each
   * executor alive at that moment, so every sink knows the application and its executors.
   */
  public synchronized void addSink(Consumer<StatusEvent> sink) {
    if (started != null) {
      deliver(sink, started);
    }
    for (StatusEvent.ExecutorAdded e : liveExecutors.values()) {
      deliver(sink, e);
    }
    sinks.add(sink);
  }

  /** Where each executor's logs are read (the backend knows, e.g. YARN container log pages). */
  public void setExecutorLogUrls(Function<String, String> logUrls) {
    this.logUrls = logUrls;
  }

  /** Sets the application attempt (YARN's attempt number), before the application starts. */
  public void setAttemptId(String attemptId) {
    this.attemptId = attemptId;
  }

  /** The application attempt, or null outside YARN. */
  public String attemptId() {
    return attemptId;
  }

  private synchronized void emit(StatusEvent event) {
    if (event instanceof StatusEvent.AppStarted a) {
      started = a;
    } else if (event instanceof StatusEvent.ExecutorAdded e) {
      liveExecutors.put(e.executorId(), e);
    } else if (event instanceof StatusEvent.ExecutorRemoved r) {
      liveExecutors.remove(r.executorId());
    }
    for (Consumer<StatusEvent> sink : sinks) {
      deliver(sink, event);
    }
  }

  private static void deliver(Consumer<StatusEvent> sink, StatusEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("Status sink {} failed on {}", sink, event.getClass().getSimpleName(), e);
    }
  }

  /** The configuration as shown and logged: values of keys that look secret are hidden. */
  static Map<String, String> redact(Map<String, String> config) {
    return Redaction.of(config).redact(config);
  }

  @Override
  public void onApplicationStart(AppInfo app) {
    emit(
        new StatusEvent.AppStarted(
            clock.getAsLong(),
            app.appId(),
            app.attemptId(),
            app.name(),
            app.user(),
            redact(app.config())));
  }

  @Override
  public void onApplicationEnd(String failure) {
    emit(new StatusEvent.AppEnded(clock.getAsLong(), failure));
  }

  @Override
  public void onJobStart(JobInfo job) {
    emit(
        new StatusEvent.JobStarted(
            clock.getAsLong(),
            job.jobId(),
            job.name(),
            job.stages().stream()
                .map(
                    s ->
                        new StatusEvent.StageRef(
                            s.stageId(), s.name(), s.numTasks(), s.shuffleMap(), s.parentIds()))
                .toList()));
  }

  @Override
  public void onJobEnd(int jobId, String failure) {
    emit(new StatusEvent.JobEnded(clock.getAsLong(), jobId, failure));
  }

  @Override
  public void onStageSubmitted(StageInfo s) {
    emit(
        new StatusEvent.StageSubmitted(
            clock.getAsLong(),
            s.stageId(),
            s.attempt(),
            s.name(),
            s.numTasks(),
            s.shuffleMap(),
            s.parentIds()));
  }

  @Override
  public void onStageCompleted(StageInfo s, String failure) {
    emit(new StatusEvent.StageCompleted(clock.getAsLong(), s.stageId(), s.attempt(), failure));
  }

  @Override
  public void onTaskStart(TaskInfo t) {
    emit(new StatusEvent.TaskStarted(t.launchMillis(), ref(t)));
  }

  @Override
  public void onTaskEnd(TaskInfo t, TaskEndReason reason, TaskMetrics metrics) {
    long end = t.finishMillis() > 0 ? t.finishMillis() : clock.getAsLong();
    emit(
        new StatusEvent.TaskEnded(
            end,
            ref(t),
            TaskOutcome.of(reason),
            describe(reason),
            metrics == null ? null : TaskFigures.of(metrics)));
  }

  private static StatusEvent.TaskRef ref(TaskInfo t) {
    return new StatusEvent.TaskRef(
        t.taskId(),
        t.stageId(),
        t.stageAttempt(),
        t.index(),
        t.partition(),
        t.attempt(),
        t.executorId(),
        t.host(),
        t.locality() == null ? null : t.locality().name(),
        t.launchMillis());
  }

  private static String describe(TaskEndReason reason) {
    if (reason instanceof TaskEndReason.ExceptionFailure f) {
      return f.describe();
    } else if (reason instanceof TaskEndReason.FetchFailed f) {
      return "Fetch of shuffle "
          + f.shuffleId()
          + " map "
          + f.mapId()
          + " reduce "
          + f.reduceId()
          + " from "
          + f.host()
          + " failed: "
          + f.message();
    } else if (reason instanceof TaskEndReason.Killed k) {
      return "Killed: " + k.reason();
    } else if (reason instanceof TaskEndReason.ExecutorLost l) {
      return "Executor " + l.executorId() + " lost: " + l.reason();
    }
    return null;
  }

  @Override
  public void onExecutorAdded(ExecutorDescriptor e) {
    String logUrl;
    try {
      logUrl = logUrls.apply(e.executorId());
    } catch (RuntimeException ex) {
      logUrl = null;
    }
    emit(
        new StatusEvent.ExecutorAdded(
            clock.getAsLong(), e.executorId(), e.host(), e.cores(), executorMemoryBytes, logUrl));
  }

  @Override
  public void onExecutorRemoved(String executorId, String reason) {
    emit(new StatusEvent.ExecutorRemoved(clock.getAsLong(), executorId, reason));
  }

  @Override
  public void onDatasetCached(int nodeId, String name, int numPartitions, StorageLevel level) {
    emit(
        new StatusEvent.DatasetCached(
            clock.getAsLong(), nodeId, name, numPartitions, level.toString()));
  }

  @Override
  public void onDatasetUnpersisted(int nodeId) {
    emit(new StatusEvent.DatasetUnpersisted(clock.getAsLong(), nodeId));
  }

  @Override
  public void onBlockUpdated(
      String executorId, BlockId block, StorageLevel level, long memoryBytes, long diskBytes) {
    if (block.kind() != BlockId.Kind.NODE) {
      return; // broadcast pieces are not datasets
    }
    emit(
        new StatusEvent.BlockUpdated(
            clock.getAsLong(),
            executorId,
            (int) block.id(),
            block.partition(),
            level.toString(),
            memoryBytes,
            diskBytes));
  }
}
