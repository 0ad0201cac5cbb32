package dev.weft.bench.weft;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.StageBinary;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.serial.JavaSerializer;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduler backend with simulated executors, for measuring the driver's scheduler alone. It
 * registers {@code executors} executors of {@code cores} cores (ten per host, hosts spread over
 * racks) and ends every launched task at once with a valid result: a map status for a map task
 * (written on the executor's host, served by its shuffle service), a serialized {@code 0L} for a
 * result task (what {@code count()} expects). The end is reported through the callbacks as a real
 * backend's would be, so it is queued behind the scheduler's current event.
 *
 * <p>It stands in for YARN ({@link Factory}) and says it supports dynamic allocation (as the YARN
 * backend does) and keeps its executors, so that the allocation manager's periodic work is part of
 * what is measured.
 */
public final class SimulatedBackend implements SchedulerBackend {
  /** The system property that names the simulated cluster, {@code <executors>x<cores>}. */
  public static final String CLUSTER_PROPERTY = "weftbench.simulatedCluster";

  private static final Pattern CLUSTER = Pattern.compile("(\\d+)x(\\d+)");
  private static final int EXECUTORS_PER_HOST = 10;
  private static final int HOSTS_PER_RACK = 20;
  private static final int SHUFFLE_PORT = 7337;

  private final int executors;
  private final int cores;
  private final KryoSerializer serializer;
  private final String applicationId = "application_bench_" + UUID.randomUUID();
  private final byte[] countResult;
  // Whether each stage attempt's tasks write map output, read once from its binary.
  private final Map<Long, Boolean> mapStageAttempts = new HashMap<>();
  // The benchmark reads the launch count of the backend its context created.
  private static volatile SimulatedBackend lastCreated;
  private SchedulerCallbacks callbacks;
  private long launched;

  SimulatedBackend(int executors, int cores, KryoSerializer serializer) {
    this.executors = executors;
    this.cores = cores;
    this.serializer = serializer;
    this.countResult = serializer.serialize(0L);
  }

  /**
   * Serves master {@code yarn} while the system property {@value #CLUSTER_PROPERTY} names a
   * simulated cluster as {@code <executors>x<cores>} (e.g. {@code 1000x1}); found with {@link
   * java.util.ServiceLoader}. The simulated cluster stands in for YARN, so the driver does what it
   * does under YARN (event log, dynamic allocation); master names outside Weft's own are refused by
   * its configuration.
   */
  public static final class Factory implements SchedulerBackendFactory {
    @Override
    public boolean accepts(String master) {
      return "yarn".equals(master) && System.getProperty(CLUSTER_PROPERTY) != null;
    }

    @Override
    public SchedulerBackend create(String master, WeftConfig config, DriverServices services) {
      String cluster = System.getProperty(CLUSTER_PROPERTY);
      Matcher m = CLUSTER.matcher(cluster);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "Bad system property "
                + CLUSTER_PROPERTY
                + "='"
                + cluster
                + "': expected <executors>x<cores>, e.g. 1000x1");
      }
      SimulatedBackend backend =
          new SimulatedBackend(
              Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), services.serializer());
      lastCreated = backend;
      return backend;
    }
  }

  /** Makes master {@code yarn} run on a simulated cluster in this JVM (see {@link Factory}). */
  public static void simulate(int executors, int cores) {
    System.setProperty(CLUSTER_PROPERTY, executors + "x" + cores);
  }

  /** The backend created last in this JVM, or null. */
  public static SimulatedBackend lastCreated() {
    return lastCreated;
  }

  /** Tasks launched so far (read after the job, from the thread that waited for it). */
  public synchronized long launched() {
    return launched;
  }

  @Override
  public void start(SchedulerCallbacks callbacks) {
    this.callbacks = callbacks;
    for (int i = 0; i < executors; i++) {
      int host = i / EXECUTORS_PER_HOST;
      callbacks.executorAdded(
          new ExecutorDescriptor(
              "exec-" + i, hostName(host), "/rack-" + host / HOSTS_PER_RACK, cores));
    }
  }

  private static String hostName(int host) {
    return "node-" + host + ".bench.local";
  }

  @Override
  public void launchTask(TaskDescription task) {
    synchronized (this) {
      launched++;
    }
    byte[] value;
    if (isMapTask(task)) {
      // Block sizes left out: the driver never reads them, and real ones for a wide shuffle
      // (maps x reduces longs) would dominate the heap this benchmark measures.
      MapStatus status =
          new MapStatus(
              task.executorId(),
              hostOf(task.executorId()),
              SHUFFLE_PORT,
              task.partition(),
              task.taskId(),
              new long[0]);
      value = serializer.serialize(status);
    } else {
      value = countResult;
    }
    TaskMetrics metrics = new TaskMetrics();
    metrics.executorRunTimeNanos = 1_000_000;
    metrics.resultBytes = value.length;
    callbacks.taskEnded(task.taskId(), new TaskEndReason.Success(value, List.of(), metrics));
  }

  private boolean isMapTask(TaskDescription task) {
    long key = ((long) task.stageId() << 32) | task.stageAttempt();
    return mapStageAttempts.computeIfAbsent(
        key,
        k -> {
          StageBinary.Shipped shipped = JavaSerializer.deserialize(task.binary());
          return shipped.stage() instanceof StageBinary.MapBinary<?, ?, ?>;
        });
  }

  private static String hostOf(String executorId) {
    int index = Integer.parseInt(executorId.substring("exec-".length()));
    return hostName(index / EXECUTORS_PER_HOST);
  }

  @Override
  public void killTask(String executorId, long taskId, String reason) {
    callbacks.taskEnded(taskId, new TaskEndReason.Killed(reason));
  }

  @Override
  public void unpersist(int nodeId) {}

  @Override
  public void removeBroadcast(long broadcastId) {}

  @Override
  public boolean supportsDynamicAllocation() {
    return true;
  }

  @Override
  public int targetExecutors() {
    return executors;
  }

  @Override
  public void requestTotalExecutors(int total) {
    // The simulated cluster keeps its executors; the request is only part of the measured work.
  }

  @Override
  public void releaseExecutor(String executorId, String reason) {}

  @Override
  public int defaultParallelism() {
    return executors * cores;
  }

  @Override
  public String applicationId() {
    return applicationId;
  }

  @Override
  public void stop() {}
}
