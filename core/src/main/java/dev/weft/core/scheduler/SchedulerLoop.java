package dev.weft.core.scheduler;

import dev.weft.api.StorageLevel;
import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver's scheduler: one thread drains a queue of typed events (job submitted, task ended,
 * executor added or lost, timer ticks) and drives the {@link DagScheduler} and {@link
 * TaskScheduler}, which therefore need no locks. Block updates from executors and unpersists reach
 * the {@link CacheTracker} the same way, so it is only ever touched by the scheduling thread.
 * Actions block in {@link #runJob} until their job ends.
 */
public final class SchedulerLoop implements SchedulerCallbacks, BlockStatusListener, AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(SchedulerLoop.class);
  private static final long RESUBMIT_DELAY_MILLIS = 200;

  private sealed interface Event {}

  private record JobSubmitted(DagScheduler.ActiveJobRequest request) implements Event {}

  private record ExecutorAdded(ExecutorDescriptor executor) implements Event {}

  private record ExecutorRemoved(String executorId, String reason) implements Event {}

  private record TaskEnded(long taskId, TaskEndReason reason) implements Event {}

  private record NodeChanged(dev.weft.spi.scheduler.NodeStatus status) implements Event {}

  private record Revive() implements Event {}

  private record ResubmitFailedStages() implements Event {}

  private record AdjustExecutors() implements Event {}

  private record CheckSpeculation() implements Event {}

  private record Stop(String reason) implements Event {}

  private record BlockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes)
      implements Event {}

  private record NodeUnpersisted(int nodeId) implements Event {}

  private record CachedLocations(
      BlockId block, java.util.concurrent.CompletableFuture<List<TaskLocation>> result)
      implements Event {}

  /** Kill a job (jobId set) or a stage (stageId set) on request. */
  private record Cancel(
      Integer jobId,
      Integer stageId,
      String reason,
      java.util.concurrent.CompletableFuture<Boolean> done)
      implements Event {}

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final SchedulerBackend backend;
  private final DagScheduler dag;
  private final TaskScheduler tasks;
  private final CacheTracker cache;
  private final ScheduledExecutorService timer;
  private final long reviveMillis;
  private final Speculation speculation;
  private final long speculationMillis;
  private final LongSupplier clock;
  private final ListenerBus bus;
  private long lastBacklogMillis = Long.MIN_VALUE / 2;
  // How often at most the backlog is recomputed for the backend (it walks every pending task).
  private static final long BACKLOG_INTERVAL_MILLIS = 1000;
  // How often dynamic allocation looks at the backlog and at idle executors.
  private static final long ALLOCATION_INTERVAL_MILLIS = 100;
  private final ExecutorAllocationManager allocation;
  private final AtomicInteger nextJobId = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;

  public SchedulerLoop(
      WeftConfig config,
      SchedulerBackend backend,
      MapOutputTracker mapOutputs,
      CacheTracker cache,
      AccumulatorRegistry accumulators,
      KryoSerializer serializer,
      ListenerBus bus,
      OutputCommitCoordinator commits,
      LongSupplier clockMillis) {
    this.backend = backend;
    this.cache = cache;
    this.clock = clockMillis;
    this.bus = bus;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weft-scheduler-timer");
              t.setDaemon(true);
              return t;
            });
    this.reviveMillis = config.get(CoreConfig.REVIVE_INTERVAL).toMillis();
    this.speculation = Speculation.from(config);
    this.speculationMillis = config.get(CoreConfig.SPECULATION_INTERVAL).toMillis();
    this.dag =
        new DagScheduler(
            new DagScheduler.SchedulerContext(
                mapOutputs,
                cache,
                accumulators,
                serializer,
                bus,
                clockMillis,
                commits,
                config.get(CoreConfig.STAGE_MAX_CONSECUTIVE_ATTEMPTS),
                config.get(CoreConfig.DRIVER_MAX_RESULT_SIZE),
                HostNames.of(config),
                () ->
                    timer.schedule(
                        () -> post(new ResubmitFailedStages()),
                        RESUBMIT_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS)));
    this.tasks =
        new TaskScheduler(
            backend,
            clockMillis,
            LocalityWaits.from(config),
            config.get(CoreConfig.TASK_MAX_FAILURES),
            config.get(CoreConfig.MAX_REGISTERED_WAITING_TIME).toMillis(),
            speculation,
            dag);
    tasks.executorMemory(ConfigType.formatSize(config.get(CoreConfig.EXECUTOR_MEMORY)));
    dag.setTaskScheduler(tasks);
    this.allocation =
        ExecutorAllocationManager.create(
            config,
            backend,
            new AllocationCluster(tasks, dag, cache, backend),
            clockMillis.getAsLong());
    this.thread = new Thread(this::run, "weft-scheduler");
    this.thread.setDaemon(true);
  }

  /** Starts the scheduling thread, the revive timer and the backend. */
  public void start() {
    thread.start();
    timer.scheduleWithFixedDelay(
        () -> post(new Revive()), reviveMillis, reviveMillis, TimeUnit.MILLISECONDS);
    if (allocation != null) {
      timer.scheduleWithFixedDelay(
          () -> post(new AdjustExecutors()),
          ALLOCATION_INTERVAL_MILLIS,
          ALLOCATION_INTERVAL_MILLIS,
          TimeUnit.MILLISECONDS);
    }
    if (speculation.enabled()) {
      timer.scheduleWithFixedDelay(
          () -> post(new CheckSpeculation()),
          speculationMillis,
          speculationMillis,
          TimeUnit.MILLISECONDS);
    }
    backend.start(this);
  }

  /**
   * Runs {@code function} over {@code partitions} of {@code node} and hands each result to {@code
   * handler} (with the position of its partition in {@code partitions}) on the scheduler thread.
   * Blocks until the job ends.
   *
   * @throws dev.weft.api.JobFailedException when the job fails
   */
  @SuppressWarnings("unchecked")
  public <T, U> void runJob(
      PlanNode<T> node,
      TaskFunction<T, U> function,
      int[] partitions,
      BiConsumer<Integer, U> handler) {
    if (stopped) {
      throw new IllegalStateException("The scheduler was stopped; create a new WeftContext");
    }
    if (partitions.length == 0) {
      return;
    }
    JobWaiter waiter = new JobWaiter();
    post(
        new JobSubmitted(
            new DagScheduler.ActiveJobRequest(
                nextJobId.getAndIncrement(),
                node,
                function,
                partitions,
                (BiConsumer<Integer, Object>) (BiConsumer<Integer, ?>) handler,
                waiter,
                // Named by the action the user called, on the user's thread (as Spark does).
                dev.weft.core.plan.CallSite.action())));
    waiter.await(thread::isAlive);
  }

  /**
   * Fails a running job with {@code reason} (its action throws); completes with false when the job
   * does not run.
   */
  public java.util.concurrent.CompletableFuture<Boolean> cancelJob(int jobId, String reason) {
    var done = new java.util.concurrent.CompletableFuture<Boolean>();
    post(new Cancel(jobId, null, reason, done));
    return done;
  }

  /** Aborts a running stage and fails the jobs that need it; false when it does not run. */
  public java.util.concurrent.CompletableFuture<Boolean> cancelStage(int stageId, String reason) {
    var done = new java.util.concurrent.CompletableFuture<Boolean>();
    post(new Cancel(null, stageId, reason, done));
    return done;
  }

  @Override
  public void executorAdded(ExecutorDescriptor executor) {
    post(new ExecutorAdded(executor));
  }

  @Override
  public void executorRemoved(String executorId, String reason) {
    post(new ExecutorRemoved(executorId, reason));
  }

  @Override
  public void taskEnded(long taskId, TaskEndReason reason) {
    post(new TaskEnded(taskId, reason));
  }

  @Override
  public void nodeChanged(dev.weft.spi.scheduler.NodeStatus status) {
    post(new NodeChanged(status));
  }

  /** Records, on the scheduling thread, that an executor now holds or dropped a block. */
  @Override
  public void blockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes) {
    post(new BlockUpdated(executorId, host, block, level, memoryBytes, diskBytes));
  }

  /** Forgets, on the scheduling thread, where the cached blocks of an unpersisted node are. */
  public void nodeUnpersisted(int nodeId) {
    post(new NodeUnpersisted(nodeId));
  }

  /** The executors holding a cached block, as the scheduler sees it once earlier events are in. */
  java.util.concurrent.CompletableFuture<List<TaskLocation>> cachedLocations(BlockId block) {
    var result = new java.util.concurrent.CompletableFuture<List<TaskLocation>>();
    post(new CachedLocations(block, result));
    return result;
  }

  private void post(Event event) {
    events.add(event);
  }

  private void run() {
    while (true) {
      Event event;
      try {
        event = events.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (event instanceof Stop stop) {
          dag.failAllJobs(stop.reason());
          return;
        }
        handle(event);
      } catch (RuntimeException | Error e) {
        // A bug in scheduling must not leave actions waiting forever.
        LOG.error("Scheduler failed handling {}", event, e);
        dag.failAllJobs("Internal scheduler error: " + e);
      }
    }
  }

  private void handle(Event event) {
    if (event instanceof JobSubmitted j) {
      dag.submitJob(j.request());
      lastBacklogMillis = clock.getAsLong();
      tasks.reportBacklog();
    } else if (event instanceof ExecutorAdded a) {
      LOG.info(
          "Executor {} on {} registered with {} cores",
          a.executor().executorId(),
          a.executor().host(),
          a.executor().cores());
      tasks.executorAdded(a.executor());
      bus.post(l -> l.onExecutorAdded(a.executor()));
    } else if (event instanceof ExecutorRemoved r) {
      LOG.warn("Executor {} lost: {}", r.executorId(), r.reason());
      tasks.executorRemoved(r.executorId(), r.reason());
      dag.executorLost(r.executorId());
      bus.post(l -> l.onExecutorRemoved(r.executorId(), r.reason()));
    } else if (event instanceof TaskEnded t) {
      tasks.taskEnded(t.taskId(), t.reason());
    } else if (event instanceof NodeChanged n) {
      handleNodeChange(n.status());
    } else if (event instanceof Revive) {
      tasks.reviveOffers();
      long now = clock.getAsLong();
      if (now - lastBacklogMillis >= BACKLOG_INTERVAL_MILLIS) {
        lastBacklogMillis = now;
        tasks.reportBacklog();
      }
    } else if (event instanceof ResubmitFailedStages) {
      dag.resubmitFailedStages();
    } else if (event instanceof AdjustExecutors) {
      allocation.tick(clock.getAsLong());
    } else if (event instanceof Cancel c) {
      c.done()
          .complete(
              c.jobId() != null
                  ? dag.cancelJob(c.jobId(), c.reason())
                  : dag.cancelStage(c.stageId(), c.reason()));
    } else if (event instanceof BlockUpdated b) {
      cache.blockUpdated(
          b.executorId(), b.host(), b.block(), b.level(), b.memoryBytes(), b.diskBytes());
    } else if (event instanceof NodeUnpersisted u) {
      cache.removeNode(u.nodeId());
    } else if (event instanceof CachedLocations q) {
      q.result().complete(cache.locations(q.block()));
    } else if (event instanceof CheckSpeculation) {
      tasks.checkSpeculation();
    }
  }

  private void handleNodeChange(dev.weft.spi.scheduler.NodeStatus n) {
    var availability = n.availability();
    LOG.info("Node {} is {}: {}", n.host(), availability, n.reason());
    tasks.hostAvailability(
        n.host(), availability == dev.weft.spi.scheduler.NodeStatus.Availability.USABLE);
    if (availability == dev.weft.spi.scheduler.NodeStatus.Availability.GONE
        && n.shufflePort() > 0) {
      dag.shuffleServiceLost(n.shuffleHost(), n.shufflePort(), n.reason());
    }
    tasks.reviveOffers();
  }

  /** Fails running jobs, stops the thread, the timer and the backend. Idempotent. */
  public void stop(String reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    post(new Stop(reason));
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer.shutdownNow();
    backend.stop();
  }

  @Override
  public void close() {
    stop("The scheduler was closed");
  }
}
