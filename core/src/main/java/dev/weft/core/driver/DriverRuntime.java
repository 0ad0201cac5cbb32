package dev.weft.core.driver;

import dev.weft.api.Accumulator;
import dev.weft.api.Dataset;
import dev.weft.api.PairDataset;
import dev.weft.api.StorageLevel;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.core.config.ConfigException;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.JobPreparer;
import dev.weft.core.plan.NarrowDependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.core.scheduler.AccumulatorRegistry;
import dev.weft.core.scheduler.BroadcastManager;
import dev.weft.core.scheduler.ListenerBus;
import dev.weft.core.scheduler.MapOutputTracker;
import dev.weft.core.scheduler.OutputCommitCoordinator;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.SchedulerLoop;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.status.StatusEventSource;
import dev.weft.hdfs.HadoopConf;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver of one application, behind the public {@link WeftContext}: the scheduler backend, the
 * scheduling loop and its trackers, the listener bus and status events, and the ids of plan nodes
 * and shuffles. It is the internal entry point for Weft's own modules (get it with {@link
 * Internals#of}): an API layer such as {@code sql} builds its own {@link PlanNode}s with {@link
 * #newNodeId()} and {@link #newShuffleId()}, wraps them with {@link #dataset}, runs them with
 * {@link #runJob}, reads files through {@link #sources()}, writes committed output through {@link
 * #output()}, and keeps its per-application state in an {@linkplain #getOrCreateExtension
 * extension}.
 */
public final class DriverRuntime {
  private static final Logger LOG = LogManager.getLogger(DriverRuntime.class);

  private final WeftContext context;
  private final WeftConfig config;
  private final KryoSerializer serializer;
  private final Map<String, String> hadoopOverrides;
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final AccumulatorRegistry accumulators = new AccumulatorRegistry();
  private final BroadcastManager broadcasts = new BroadcastManager();
  private final ListenerBus bus = new ListenerBus();
  private final CachedDatasets cache = new CachedDatasets(bus);
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();
  private final StatusEventSource statusEvents;
  private final Sources sources;
  private final OutputOrchestrator output;
  private final DriverLifecycle.Started started;
  private final SchedulerBackend backend;
  private final SchedulerLoop scheduler;
  private final AtomicInteger nextNodeId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  // Insertion order, so extensions are closed in the reverse order of their creation.
  private final Map<Class<?>, Object> extensions = new LinkedHashMap<>();
  private volatile boolean stopped;
  // Stops a context the program forgot to stop, so executors' local files are removed.
  private final Thread shutdownHook = new Thread(this::stop, "weft-context-shutdown");

  /**
   * Starts the driver of {@code context}: validates {@code entries}, finds and starts the backend
   * of the master, opens the event log and starts the scheduler.
   *
   * @throws IllegalArgumentException with a one-line message for an unknown or malformed {@code
   *     weft.*} key, a missing master, or a master no backend on the classpath serves
   */
  public DriverRuntime(WeftContext context, Map<String, String> entries) {
    this.context = context;
    this.config = WeftConfig.of(entries);
    String master = config.get(CoreConfig.MASTER);
    if (master == null) {
      throw new ConfigException(
          "No master set: set weft.master (WeftConf.setMaster) or pass --master to yarn-submit;"
              + " e.g. local[2]");
    }
    this.hadoopOverrides = Collections.unmodifiableMap(new TreeMap<>(config.hadoopEntries()));
    this.serializer =
        new KryoSerializer(
            config.get(CoreConfig.KRYO_REFERENCE_TRACKING),
            config.get(CoreConfig.KRYO_REGISTRATION_REQUIRED),
            splitList(config.get(CoreConfig.KRYO_CLASSES)));
    this.sources = new Sources(this);
    this.output = new OutputOrchestrator(this);
    this.statusEvents =
        new StatusEventSource(
            System::currentTimeMillis, config.get(CoreConfig.EXECUTOR_MEMORY).longValue());
    bus.addListener(statusEvents);
    this.started =
        DriverLifecycle.start(master, config, hadoopOverrides, statusEvents, new Services());
    this.backend = started.backend();
    this.scheduler =
        new SchedulerLoop(
            config,
            backend,
            mapOutputs,
            cache.tracker(),
            accumulators,
            serializer,
            bus,
            commits,
            System::currentTimeMillis);
    cache.attach(scheduler);
    SchedulerListener.AppInfo app =
        new SchedulerListener.AppInfo(
            backend.applicationId(),
            statusEvents.attemptId(),
            config.get(CoreConfig.APP_NAME),
            DriverLifecycle.currentUser(master),
            config.entries());
    bus.post(l -> l.onApplicationStart(app));
    scheduler.start();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    LOG.info(
        "Started application {} ({}) on master {}",
        backend.applicationId(),
        config.get(CoreConfig.APP_NAME),
        master);
  }

  private static List<String> splitList(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  /** The driver's side of what executors ask for. */
  private final class Services implements DriverServices {
    @Override
    public MapOutputSource mapOutputs() {
      return mapOutputs;
    }

    @Override
    public BlockStatusListener blockStatus() {
      return cache;
    }

    @Override
    public byte[] broadcastBytes(long broadcastId) {
      return broadcasts.bytes(broadcastId);
    }

    @Override
    public KryoSerializer serializer() {
      return serializer;
    }

    @Override
    public boolean canCommit(int stageId, int partition, long taskAttemptId) {
      return commits.canCommit(stageId, partition, taskAttemptId);
    }

    @Override
    public void addListener(SchedulerListener listener) {
      bus.addListener(listener);
    }

    @Override
    public StatusEventSource statusEvents() {
      return statusEvents;
    }

    @Override
    public boolean cancelJob(int jobId, String reason) {
      return DriverRuntime.this.cancelJob(jobId, reason);
    }

    @Override
    public boolean cancelStage(int stageId, String reason) {
      return await(scheduler.cancelStage(stageId, reason));
    }
  }

  // ---- configuration and identity ----

  /** The validated configuration. */
  public WeftConfig config() {
    return config;
  }

  /** The record serializer (Kryo) shared with the executors. */
  public KryoSerializer serializer() {
    return serializer;
  }

  /** The {@code weft.hadoop.*} entries (without the prefix), which tasks apply too. */
  public Map<String, String> hadoopOverrides() {
    return hadoopOverrides;
  }

  /** A new Hadoop configuration with the application's overrides; the caller may change it. */
  public Configuration hadoopConfiguration() {
    return HadoopConf.withOverrides(hadoopOverrides);
  }

  public String applicationId() {
    return backend.applicationId();
  }

  /** 1, or more when the cluster manager restarted the driver after an earlier attempt died. */
  public int applicationAttempt() {
    return backend.applicationAttempt();
  }

  /** Partitions used when none are given: {@code weft.default.parallelism}, else all cores. */
  public int defaultParallelism() {
    Integer p = config.get(CoreConfig.DEFAULT_PARALLELISM);
    return p != null ? p : backend.defaultParallelism();
  }

  /**
   * Partitions of a shuffle whose caller gave none: the default parallelism if set, else the
   * parent's partition count.
   */
  public int defaultShufflePartitions(PlanNode<?> parent) {
    Integer p = config.get(CoreConfig.DEFAULT_PARALLELISM);
    return p != null ? p : Math.max(1, parent.numPartitions());
  }

  // ---- building plans ----

  /** A new id for a {@link PlanNode}, unique within the application. */
  public int newNodeId() {
    return nextNodeId.getAndIncrement();
  }

  /** A new id for a {@link ShuffleDependency}, unique within the application. */
  public int newShuffleId() {
    return nextShuffleId.getAndIncrement();
  }

  /** A public dataset over {@code node}, belonging to this application. */
  public <T> Dataset<T> dataset(PlanNode<T> node) {
    return Internals.api().dataset(context, node);
  }

  /** A public pair dataset over {@code node}, belonging to this application. */
  public <K, V> PairDataset<K, V> pairDataset(PlanNode<Tuple2<K, V>> node) {
    return Internals.api().pairDataset(context, node);
  }

  /** File scans and the other sources of datasets. */
  public Sources sources() {
    return sources;
  }

  /** Committed output: the output commit protocol around a job. */
  public OutputOrchestrator output() {
    return output;
  }

  // ---- running jobs ----

  /** Runs {@code function} over every partition of {@code node}; results in partition order. */
  public <T, U> List<U> runJob(PlanNode<T> node, TaskFunction<T, U> function) {
    return runJob(node, function, IntStream.range(0, node.numPartitions()).toArray());
  }

  /**
   * Runs {@code function} over the given partitions of {@code node} and waits for the results, in
   * the order given. The lineage is prepared first on the calling thread (range sampling for sorts,
   * partition counts for zipWithIndex).
   *
   * @throws dev.weft.api.JobFailedException when the job fails or is cancelled
   */
  public <T, U> List<U> runJob(PlanNode<T> node, TaskFunction<T, U> function, int[] partitions) {
    checkOpen();
    prepareLineage(node);
    List<U> results = new ArrayList<>(Collections.nCopies(partitions.length, null));
    scheduler.runJob(node, function, partitions, results::set);
    return results;
  }

  /** Prepares a lineage for a job: range sampling, zipWithIndex counts; each node once. */
  public void prepareLineage(PlanNode<?> node) {
    prepare(node, new HashSet<>());
  }

  private void prepare(PlanNode<?> node, Set<Integer> visited) {
    if (!visited.add(node.id())) {
      return;
    }
    for (Dependency d : node.dependencies()) {
      if (d instanceof ShuffleDependency<?, ?, ?> s) {
        if (s.parent() != null) {
          prepare(s.parent(), visited);
        }
      } else {
        prepare(((NarrowDependency) d).parent(), visited);
      }
    }
    node.prepare(preparer);
  }

  private final JobPreparer preparer =
      new JobPreparer() {
        @Override
        public <T, U> List<U> run(
            PlanNode<T> node, dev.weft.api.function.Function<Iterator<T>, U> f) {
          return runJob(node, (ctx, records) -> f.call(records));
        }
      };

  /** Fails a running job with {@code reason}; false when no such job runs. */
  public boolean cancelJob(int jobId, String reason) {
    return await(scheduler.cancelJob(jobId, reason));
  }

  private static boolean await(CompletableFuture<Boolean> done) {
    try {
      return done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  // ---- shared variables and caching ----

  /** Gives {@code accumulator} an id and name, so that tasks' updates reach it. */
  public <A extends Accumulator<?, ?>> A register(A accumulator, String name) {
    Internals.api().bindAccumulator(accumulator, accumulators.nextId(), name);
    accumulators.add(accumulator);
    return accumulator;
  }

  /** Stores a serialized broadcast value for the executors; returns its id. */
  public long addBroadcast(byte[] value) {
    checkOpen();
    return broadcasts.add(value);
  }

  /** Drops the executors' copies of a broadcast, and with {@code destroy} the driver's too. */
  public void removeBroadcast(long id, boolean destroy) {
    backend.removeBroadcast(id);
    if (destroy) {
      broadcasts.remove(id);
    }
  }

  /** A dataset will be cached from the next action on (for the storage page). */
  public void persisting(PlanNode<?> node) {
    cache.persisting(node);
  }

  /** Stops caching {@code node} and drops its cached blocks on every executor. */
  public void unpersist(PlanNode<?> node) {
    node.setStorageLevel(StorageLevel.NONE);
    backend.unpersist(node.id());
    cache.unpersisted(node);
  }

  // ---- events ----

  /** Registers a listener for application, job, stage, task and executor events. */
  public void addSchedulerListener(SchedulerListener listener) {
    bus.addListener(listener);
  }

  /** The listener bus, e.g. to wait until events are delivered. */
  public ListenerBus listenerBus() {
    return bus;
  }

  /** The application's status events (what the UI and the event log show). */
  public StatusEventSource statusEvents() {
    return statusEvents;
  }

  // ---- extensions ----

  /**
   * The extension of type {@code type}, created by {@code factory} on first use: state that another
   * module keeps per application, such as the structured layer's catalog of temporary views. It
   * lives as long as this runtime; when it is {@link AutoCloseable}, it is closed when the context
   * stops (extensions in the reverse order of their creation, before the scheduler stops).
   *
   * @throws IllegalStateException when the context was stopped
   */
  public synchronized <T> T getOrCreateExtension(
      Class<T> type, Function<? super DriverRuntime, ? extends T> factory) {
    checkOpen();
    Object existing = extensions.get(type);
    if (existing == null) {
      existing = type.cast(factory.apply(this));
      if (existing == null) {
        throw new IllegalArgumentException("the factory of extension " + type + " returned null");
      }
      extensions.put(type, existing);
    }
    return type.cast(existing);
  }

  private void closeExtensions() {
    List<Object> created;
    synchronized (this) {
      created = new ArrayList<>(extensions.values());
      extensions.clear();
    }
    Collections.reverse(created);
    for (Object extension : created) {
      if (extension instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("Extension {} failed to close: {}", extension.getClass().getName(), e, e);
        }
      }
    }
  }

  // ---- lifecycle ----

  /**
   * @throws IllegalStateException when the context was stopped
   */
  public void checkOpen() {
    if (stopped) {
      throw new IllegalStateException("This WeftContext was stopped; create a new one");
    }
  }

  public boolean isStopped() {
    return stopped;
  }

  /** Stops the scheduler and the executors; running jobs fail. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
    closeExtensions();
    stopped = true;
    scheduler.stop("The WeftContext was stopped");
    started.finish(bus, statusEvents);
    LOG.info("Stopped application {}", backend.applicationId());
  }
}
