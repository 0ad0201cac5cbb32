package dev.weft.api;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.io.FileScanNode;
import dev.weft.core.io.Formats;
import dev.weft.core.io.PartWriterFactory;
import dev.weft.core.io.RecordFileOutput;
import dev.weft.core.io.SplitReaderFactory;
import dev.weft.core.io.TextOutput;
import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.JobPreparer;
import dev.weft.core.plan.NarrowDependency;
import dev.weft.core.plan.ParallelCollectionNode;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.RangeNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.plan.UnionNode;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.core.scheduler.AccumulatorRegistry;
import dev.weft.core.scheduler.BroadcastManager;
import dev.weft.core.scheduler.CacheTracker;
import dev.weft.core.scheduler.ListenerBus;
import dev.weft.core.scheduler.MapOutputTracker;
import dev.weft.core.scheduler.OutputCommitCoordinator;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.SchedulerLoop;
import dev.weft.core.serial.AvroSchemas;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.status.ApplicationEnd;
import dev.weft.core.status.EventLogWriter;
import dev.weft.core.status.EventLogs;
import dev.weft.core.status.StatusEventSource;
import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.UserPathException;
import dev.weft.hdfs.avro.AvroFiles;
import dev.weft.hdfs.input.InputPartition;
import dev.weft.hdfs.input.SplitPlanner;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.parquet.ParquetScan;
import dev.weft.hdfs.parquet.ParquetSplitReader;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The entry point of a Weft program, like Spark's {@code JavaSparkContext}: it connects to the
 * master, creates datasets and runs their actions. One per application; close it at the end.
 *
 * <pre>{@code
 * try (WeftContext weft = new WeftContext(new WeftConf().setAppName("etl"))) {
 *   long n = weft.textFile("hdfs:///logs").filter(l -> l.contains("ERROR")).count();
 * }
 * }</pre>
 */
public final class WeftContext implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WeftContext.class);

  private final WeftConfig config;
  private final KryoSerializer serializer;
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final CacheTracker cache = new CacheTracker();
  private final AccumulatorRegistry accumulators = new AccumulatorRegistry();
  private final BroadcastManager broadcasts = new BroadcastManager();
  private final ListenerBus bus = new ListenerBus();
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();
  private final LongAccumulator corruptFilesSkipped;
  private final StatusEventSource statusEvents;
  private final BlockStatusListener blockEvents = this::blockUpdated;
  // Persisted nodes, announced to the UI when their first block is cached.
  private final Map<Integer, PlanNode<?>> persisted =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<Integer> announcedCached = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile EventLogWriter eventLog;
  private final SchedulerBackend backend;
  private final SchedulerLoop scheduler;
  private final AtomicInteger nextNodeId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  private final AtomicInteger nextOutputId = new AtomicInteger();
  private final Map<String, String> hadoopOverrides = new TreeMap<>();
  private volatile boolean stopped;
  // Stops a context the program forgot to stop, so executors' local files are removed.
  private final Thread shutdownHook = new Thread(this::stop, "weft-context-shutdown");

  /**
   * Starts a context for {@code conf}.
   *
   * @throws IllegalArgumentException with a one-line message for an unknown or malformed {@code
   *     weft.*} key, a missing master, or a master no backend on the classpath serves
   */
  public WeftContext(WeftConf conf) {
    this.config = WeftConfig.of(conf.getAll());
    String master = config.get(CoreConfig.MASTER);
    if (master == null) {
      throw new ConfigException(
          "No master set: set weft.master (WeftConf.setMaster) or pass --master to yarn-submit;"
              + " e.g. local[2]");
    }
    hadoopOverrides.putAll(config.hadoopEntries());
    this.serializer =
        new KryoSerializer(
            config.get(CoreConfig.KRYO_REFERENCE_TRACKING),
            config.get(CoreConfig.KRYO_REGISTRATION_REQUIRED),
            splitList(config.get(CoreConfig.KRYO_CLASSES)));
    this.corruptFilesSkipped = register(new LongAccumulator(), "corrupt files skipped");
    this.statusEvents =
        new StatusEventSource(
            System::currentTimeMillis, config.get(CoreConfig.EXECUTOR_MEMORY).longValue());
    bus.addListener(statusEvents);
    this.backend = findBackend(master).create(master, config, new Services());
    startEventLog(master);
    this.scheduler =
        new SchedulerLoop(
            config,
            backend,
            mapOutputs,
            cache,
            accumulators,
            serializer,
            bus,
            commits,
            System::currentTimeMillis);
    SchedulerListener.AppInfo app =
        new SchedulerListener.AppInfo(
            backend.applicationId(),
            statusEvents.attemptId(),
            config.get(CoreConfig.APP_NAME),
            currentUser(master),
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

  private void startEventLog(String master) {
    if (!EventLogs.enabled(config, master)) {
      return;
    }
    try {
      Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
      EventLogWriter log =
          new EventLogWriter(
              EventLogs.dir(config, conf),
              backend.applicationId(),
              statusEvents.attemptId(),
              conf,
              System::currentTimeMillis);
      statusEvents.addSink(log);
      eventLog = log;
    } catch (IOException e) {
      backend.stop();
      throw new UncheckedIOException(
          "Cannot find the event log directory (weft.eventLog.dir): " + e, e);
    } catch (RuntimeException e) {
      backend.stop();
      throw e;
    }
  }

  /**
   * The application's user. Under a local master, {@code HADOOP_USER_NAME} (as Hadoop's simple
   * authentication reads it) or the OS user, without Hadoop's login, which took a fifth of a
   * trivial local job's whole run (a job that reads through Hadoop logs in later anyway); under a
   * cluster master, Hadoop's login user.
   */
  private static String currentUser(String master) {
    if (master.startsWith("local")) {
      String name = System.getenv("HADOOP_USER_NAME");
      if (name == null || name.isBlank()) {
        name = System.getProperty("HADOOP_USER_NAME");
      }
      return name == null || name.isBlank() ? System.getProperty("user.name") : name;
    }
    try {
      return org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return System.getProperty("user.name");
    }
  }

  private void blockUpdated(
      String executorId,
      String host,
      dev.weft.core.runtime.BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes) {
    cache.blockUpdated(executorId, host, block, level, memoryBytes, diskBytes);
    if (block.kind() == dev.weft.core.runtime.BlockId.Kind.NODE
        && level.isValid()
        && announcedCached.add((int) block.id())) {
      PlanNode<?> node = persisted.get((int) block.id());
      if (node != null) {
        String name = node.operation() + " [" + node.id() + "]";
        int partitions = node.numPartitions();
        StorageLevel nodeLevel = node.storageLevel();
        bus.post(l -> l.onDatasetCached(node.id(), name, partitions, nodeLevel));
      }
    }
    bus.post(l -> l.onBlockUpdated(executorId, block, level, memoryBytes, diskBytes));
  }

  /** A dataset will be cached from the next action on (for the storage page). */
  void persisting(PlanNode<?> node) {
    persisted.put(node.id(), node);
  }

  private static List<String> splitList(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static SchedulerBackendFactory findBackend(String master) {
    List<String> available = new ArrayList<>();
    for (SchedulerBackendFactory f :
        ServiceLoader.load(SchedulerBackendFactory.class, WeftContext.class.getClassLoader())) {
      if (f.accepts(master)) {
        return f;
      }
      available.add(f.getClass().getSimpleName());
    }
    throw new ConfigException(
        "No scheduler backend on the classpath runs master '"
            + master
            + "'"
            + (master.equals("yarn") || master.equals("embedded")
                ? " (the YARN masters run the driver inside the ApplicationMaster: submit the"
                    + " application with bin/yarn-submit --master "
                    + master
                    + ")"
                : "")
            + "; backends found: "
            + (available.isEmpty() ? "none (is weft-executor on the classpath?)" : available));
  }

  /** The driver's side of what executors ask for. */
  private final class Services implements DriverServices {
    @Override
    public MapOutputSource mapOutputs() {
      return mapOutputs;
    }

    @Override
    public BlockStatusListener blockStatus() {
      return blockEvents;
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
      return WeftContext.this.cancelJob(jobId, reason);
    }

    @Override
    public boolean cancelStage(int stageId, String reason) {
      return await(scheduler.cancelStage(stageId, reason));
    }
  }

  /**
   * Fails a running job with {@code reason}: the action that runs it throws {@link
   * JobFailedException}. Job ids are those of the UI and the event log.
   *
   * @return false when no such job runs
   */
  public boolean cancelJob(int jobId, String reason) {
    return await(scheduler.cancelJob(jobId, reason));
  }

  private static boolean await(java.util.concurrent.CompletableFuture<Boolean> done) {
    try {
      return done.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  // ---- creating datasets ----

  /** A dataset of the elements of {@code data}, in {@link #defaultParallelism()} partitions. */
  public <T> Dataset<T> parallelize(List<T> data) {
    return parallelize(data, defaultParallelism());
  }

  /** A dataset of the elements of {@code data}, cut into {@code numPartitions} slices in order. */
  public <T> Dataset<T> parallelize(List<T> data, int numPartitions) {
    checkOpen();
    return new Dataset<>(
        this, new ParallelCollectionNode<>(newNodeId(), data, numPartitions, serializer));
  }

  /** A pair dataset of the pairs in {@code data}. */
  public <K, V> PairDataset<K, V> parallelizePairs(List<Tuple2<K, V>> data) {
    return parallelizePairs(data, defaultParallelism());
  }

  /** A pair dataset of the pairs in {@code data}, in {@code numPartitions} slices. */
  public <K, V> PairDataset<K, V> parallelizePairs(List<Tuple2<K, V>> data, int numPartitions) {
    return new PairDataset<>(this, parallelize(data, numPartitions).node);
  }

  /** The numbers from {@code start} (inclusive) to {@code end} (exclusive). */
  public Dataset<Long> range(long start, long end) {
    return range(start, end, 1, defaultParallelism());
  }

  /** The numbers {@code start, start+step, ...} before {@code end}, in {@code numPartitions}. */
  public Dataset<Long> range(long start, long end, long step, int numPartitions) {
    checkOpen();
    return new Dataset<>(this, new RangeNode(newNodeId(), start, end, step, numPartitions));
  }

  /** The lines of a text file, directory or glob, one partition per split (at least 2). */
  public Dataset<String> textFile(String path) {
    return textFile(path, Math.min(defaultParallelism(), 2));
  }

  /**
   * The lines of a text file, directory or glob: files are cut into splits of at most {@code
   * weft.files.maxPartitionBytes} along HDFS blocks, small files packed together, into at least
   * {@code minPartitions}; gzip and other non-splittable files are read whole. Hidden files ({@code
   * _*}, {@code .*}) are skipped. Each partition prefers the hosts of its blocks.
   *
   * @throws IllegalArgumentException naming the path when it does not exist
   */
  public Dataset<String> textFile(String path, int minPartitions) {
    return new Dataset<>(this, scan("textFile", path, minPartitions, Formats.text()));
  }

  /** The records of Avro container files (a file, directory or glob), each with its schema. */
  public Dataset<GenericRecord> avro(String path) {
    return avro(path, (Schema) null);
  }

  /**
   * The records of Avro container files, read with {@code readerSchema}: fields the files lack take
   * their defaults, fields the schema lacks are dropped, and types are promoted as Avro allows.
   * Files are split at sync markers.
   *
   * @throws IllegalArgumentException naming the path when it does not exist, or naming the first
   *     file whose schema {@code readerSchema} cannot read
   */
  public Dataset<GenericRecord> avro(String path, Schema readerSchema) {
    checkOpen();
    List<InputPartition> partitions = planInput(path, defaultParallelism(), true);
    registerAvroSchema(partitions, readerSchema);
    return new Dataset<>(
        this,
        fileScan(
            "avro",
            partitions,
            Formats.avro(readerSchema == null ? null : readerSchema.toString())));
  }

  /**
   * The records of Parquet files (a file, or a directory read with its sub-directories, such as a
   * partitioned layout, or a glob) as Avro records; narrow the scan with {@link
   * ParquetDataset#select} and {@link ParquetDataset#where}, which Parquet evaluates.
   *
   * @throws IllegalArgumentException naming the path when it does not exist
   */
  public ParquetDataset parquet(String path) {
    checkOpen();
    return new ParquetDataset(this, planInput(path, defaultParallelism(), true), ParquetScan.all());
  }

  /**
   * Checks a Parquet scan against the first file on the driver, so a projection or predicate that
   * does not fit fails before any task runs, and registers the records' schema.
   */
  void checkParquetScan(List<InputPartition> partitions, ParquetScan scan) {
    if (partitions.isEmpty()) {
      return;
    }
    Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
    try (ParquetSplitReader reader =
        new ParquetSplitReader(partitions.get(0).splits().get(0), scan, conf)) {
      AvroSchemas.register(reader.schema());
    } catch (CorruptFileException e) {
      if (e.skippable() && config.get(CoreConfig.FILES_IGNORE_CORRUPT)) {
        return; // the scan skips it too
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * The records of Avro container files as instances of {@code recordClass}, a class generated by
   * Avro (or any {@code SpecificRecord}); its schema is the reader schema, so older files with
   * compatible schemas are read too.
   *
   * @throws IllegalArgumentException naming the path when it does not exist, or naming the first
   *     file that the class's schema cannot read
   */
  public <T extends org.apache.avro.specific.SpecificRecord> Dataset<T> avro(
      String path, Class<T> recordClass) {
    checkOpen();
    List<InputPartition> partitions = planInput(path, defaultParallelism(), true);
    registerAvroSchema(
        partitions, org.apache.avro.specific.SpecificData.get().getSchema(recordClass));
    return new Dataset<>(this, fileScan("avro", partitions, Formats.avro(recordClass)));
  }

  /**
   * Reads the schema of the first readable file on the driver: checks that {@code readerSchema} can
   * read it (failing before any task runs) and registers the records' schema.
   */
  private void registerAvroSchema(List<InputPartition> partitions, Schema readerSchema) {
    Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
    boolean ignoreCorrupt = config.get(CoreConfig.FILES_IGNORE_CORRUPT);
    for (InputPartition partition : partitions) {
      for (dev.weft.hdfs.input.FileSplit split : partition.splits()) {
        try {
          Schema schema =
              readerSchema != null
                  ? AvroFiles.checkReaderSchema(split.path(), readerSchema, conf)
                  : AvroFiles.readSchema(split.path(), conf);
          AvroSchemas.register(readerSchema != null ? readerSchema : schema);
          return;
        } catch (CorruptFileException e) {
          if (!(ignoreCorrupt && e.skippable())) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Cannot read the schema of " + split.path() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** How many corrupt files scans skipped so far ({@code weft.files.ignoreCorrupt}). */
  public long corruptFilesSkipped() {
    return corruptFilesSkipped.sum();
  }

  private <T> FileScanNode<T> scan(
      String operation, String path, int minPartitions, SplitReaderFactory<T> format) {
    checkOpen();
    return fileScan(operation, planInput(path, minPartitions), format);
  }

  <T> FileScanNode<T> fileScan(
      String operation, List<InputPartition> partitions, SplitReaderFactory<T> format) {
    return new FileScanNode<>(
        newNodeId(),
        operation,
        partitions,
        format,
        hadoopOverrides,
        config.get(CoreConfig.FILES_IGNORE_CORRUPT),
        corruptFilesSkipped);
  }

  /** Splits the input at {@code path} into partitions; user errors become one-line messages. */
  List<InputPartition> planInput(String path, int minPartitions) {
    return planInput(path, minPartitions, false);
  }

  /**
   * @param recursive whether directories are read with their sub-directories, as partitioned output
   *     ({@code country=DE/...}) needs
   */
  List<InputPartition> planInput(String path, int minPartitions, boolean recursive) {
    try {
      return new SplitPlanner(HadoopConf.withOverrides(hadoopOverrides))
          .withMaxSplitSize(config.get(CoreConfig.FILES_MAX_PARTITION_BYTES))
          .withOpenCost(config.get(CoreConfig.FILES_OPEN_COST))
          .withRecursive(recursive)
          .planPartitions(List.of(path), minPartitions);
    } catch (UserPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list input " + path + ": " + e.getMessage(), e);
    }
  }

  /** A dataset with no partitions and no records. */
  public <T> Dataset<T> emptyDataset() {
    return parallelize(List.of(), 1).mapPartitions(it -> java.util.Collections.emptyIterator());
  }

  /** The records of all {@code datasets}, one after another, without a shuffle. */
  @SafeVarargs
  public final <T> Dataset<T> union(Dataset<T>... datasets) {
    checkOpen();
    List<PlanNode<T>> nodes = new ArrayList<>();
    for (Dataset<T> d : datasets) {
      nodes.add(d.node);
    }
    return new Dataset<>(this, new UnionNode<>(newNodeId(), nodes));
  }

  // ---- shared variables ----

  /** Sends {@code value} to each executor once; read it in tasks with {@link Broadcast#value()}. */
  public <T> Broadcast<T> broadcast(T value) {
    checkOpen();
    long id = broadcasts.add(serializer.serialize(value));
    return new Broadcast<>(id, value, this);
  }

  void unpersistBroadcast(long id, boolean destroy) {
    backend.removeBroadcast(id);
    if (destroy) {
      broadcasts.remove(id);
    }
  }

  /** A new long accumulator. */
  public LongAccumulator longAccumulator() {
    return register(new LongAccumulator(), null);
  }

  /** A new long accumulator with a name, shown in the UI. */
  public LongAccumulator longAccumulator(String name) {
    return register(new LongAccumulator(), name);
  }

  /** A new double accumulator. */
  public DoubleAccumulator doubleAccumulator() {
    return register(new DoubleAccumulator(), null);
  }

  /** A new double accumulator with a name, shown in the UI. */
  public DoubleAccumulator doubleAccumulator(String name) {
    return register(new DoubleAccumulator(), name);
  }

  /** A new accumulator that collects values into a list. */
  public <T> CollectionAccumulator<T> collectionAccumulator() {
    return register(new CollectionAccumulator<>(), null);
  }

  /** A new accumulator that collects values into a list, with a name shown in the UI. */
  public <T> CollectionAccumulator<T> collectionAccumulator(String name) {
    return register(new CollectionAccumulator<>(), name);
  }

  /** Registers a custom accumulator so that tasks' updates reach it. */
  public <A extends Accumulator<?, ?>> A register(A accumulator, String name) {
    accumulator.register(accumulators.nextId(), name);
    accumulators.add(accumulator);
    return accumulator;
  }

  // ---- information ----

  /** Partitions used when none are given: {@code weft.default.parallelism}, else all cores. */
  public int defaultParallelism() {
    Integer p = config.get(CoreConfig.DEFAULT_PARALLELISM);
    return p != null ? p : backend.defaultParallelism();
  }

  public String applicationId() {
    return backend.applicationId();
  }

  /**
   * Which attempt at the application this is: 1, or more when the cluster manager restarted the
   * driver after the previous attempt died ({@code yarn-submit --max-app-attempts}). Every attempt
   * runs the program from its start; output that an earlier attempt did not commit is discarded.
   */
  public int applicationAttempt() {
    return backend.applicationAttempt();
  }

  public String appName() {
    return config.get(CoreConfig.APP_NAME);
  }

  public String master() {
    return config.get(CoreConfig.MASTER);
  }

  /** The validated configuration. */
  public WeftConfig config() {
    return config;
  }

  /** Registers a listener for job, stage and task events (UI, event log, tests). */
  public void addSchedulerListener(SchedulerListener listener) {
    bus.addListener(listener);
  }

  /**
   * The application's status events (what the UI and the event log show); add a sink to follow
   * them.
   */
  public StatusEventSource statusEvents() {
    return statusEvents;
  }

  /** The listener bus, e.g. to wait until events are delivered. */
  public ListenerBus listenerBus() {
    return bus;
  }

  // ---- internals used by datasets ----

  int newNodeId() {
    return nextNodeId.getAndIncrement();
  }

  int newShuffleId() {
    return nextShuffleId.getAndIncrement();
  }

  KryoSerializer serializer() {
    return serializer;
  }

  Map<String, String> hadoopOverrides() {
    return hadoopOverrides;
  }

  /** Writes every record of {@code node} as a line of text under {@code path}, committed. */
  <T> void saveAsText(
      PlanNode<T> node, String path, dev.weft.hdfs.output.SaveMode mode, String codec) {
    save(
        node,
        path,
        mode,
        job -> TextOutput.<T>writer(codec == null ? job : job.withTextCompression(codec)));
  }

  /** Writes the Avro records of {@code node} with {@code format} under {@code path}, committed. */
  <T> void saveRecords(
      PlanNode<T> node,
      String path,
      dev.weft.hdfs.output.SaveMode mode,
      PartWriterFactory format,
      List<String> partitionBy) {
    save(
        node,
        path,
        mode,
        job -> RecordFileOutput.<T>writer(job, format, partitionBy, hadoopOverrides));
  }

  /**
   * Runs the output commit protocol around a job: set up (refusing an existing destination unless
   * the mode allows it), run the tasks, commit the job; abort on any failure, so the destination
   * holds all of the output or none of it.
   */
  private <T> void save(
      PlanNode<T> node,
      String path,
      dev.weft.hdfs.output.SaveMode mode,
      java.util.function.Function<OutputJob, TaskFunction<T, Long>> tasks) {
    checkOpen();
    OutputJob job =
        new OutputJob(
            path,
            outputJobPrefix(applicationAttempt()) + nextOutputId.getAndIncrement(),
            mode,
            hadoopOverrides);
    try {
      if (applicationAttempt() > 1) {
        // What the dead earlier attempts left in the destination goes first (their drivers died
        // before committing or aborting it), so that it neither remains nor blocks this job.
        String own = outputJobPrefix(applicationAttempt());
        String app = applicationId() + "-";
        job.setup(id -> id.startsWith(app) && !id.startsWith(own));
      } else {
        job.setup();
      }
    } catch (UserPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // e.g. the destination exists
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare output " + path + ": " + e.getMessage(), e); // infrastructure
    }
    try {
      runJob(node, tasks.apply(job));
      job.commitJob(node.numPartitions());
    } catch (IOException | RuntimeException e) {
      try {
        job.abortJob();
      } catch (IOException abort) {
        e.addSuppressed(abort);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(
          "Cannot commit output " + path + ": " + e.getMessage(), (IOException) e);
    }
  }

  /**
   * How the ids of this application's output jobs start: {@code <appId>-} in the first attempt,
   * {@code <appId>-attempt<N>-} in later ones, so each attempt's jobs have their own temporary
   * directories and a later attempt recognizes those of the earlier ones.
   */
  private String outputJobPrefix(int attempt) {
    return applicationId() + (attempt > 1 ? "-attempt" + attempt + "-" : "-");
  }

  /**
   * Partitions of a shuffle whose caller gave none: the default parallelism if set, else the
   * parent's partition count.
   */
  int defaultShufflePartitions(PlanNode<?> parent) {
    Integer p = config.get(CoreConfig.DEFAULT_PARALLELISM);
    return p != null ? p : Math.max(1, parent.numPartitions());
  }

  CacheTracker cacheTracker() {
    return cache;
  }

  void unpersist(PlanNode<?> node) {
    node.setStorageLevel(StorageLevel.NONE);
    backend.unpersist(node.id());
    cache.removeNode(node.id());
    persisted.remove(node.id());
    if (announcedCached.remove(node.id())) {
      bus.post(l -> l.onDatasetUnpersisted(node.id()));
    }
  }

  /** Runs {@code function} over every partition of {@code node}; results in partition order. */
  <T, U> List<U> runJob(PlanNode<T> node, TaskFunction<T, U> function) {
    return runJob(node, function, IntStream.range(0, node.numPartitions()).toArray());
  }

  /** Runs {@code function} over the given partitions; results in the order given. */
  <T, U> List<U> runJob(PlanNode<T> node, TaskFunction<T, U> function, int[] partitions) {
    checkOpen();
    prepareLineage(node);
    List<U> results = new ArrayList<>(java.util.Collections.nCopies(partitions.length, null));
    scheduler.runJob(node, function, partitions, results::set);
    return results;
  }

  /** Prepares a lineage for a job: range sampling, zipWithIndex counts; each node once. */
  void prepareLineage(PlanNode<?> node) {
    prepare(node, new HashSet<>());
  }

  /** Prepares a lineage from the sources down (range sampling, zipWithIndex counts). */
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

  private void checkOpen() {
    if (stopped) {
      throw new IllegalStateException("This WeftContext was stopped; create a new one");
    }
  }

  /** Stops the scheduler and the executors; running jobs fail. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
    scheduler.stop("The WeftContext was stopped");
    EventLogWriter log = eventLog;
    // Under the ApplicationMaster the end is recorded once the program's outcome is known.
    boolean handed =
        ApplicationEnd.hand(
            failure -> {
              statusEvents.onApplicationEnd(failure);
              if (log != null) {
                log.close();
              }
            });
    if (!handed) {
      bus.post(l -> l.onApplicationEnd(null));
    }
    bus.stop();
    if (!handed && log != null) {
      log.close();
    }
    LOG.info("Stopped application {}", backend.applicationId());
  }

  @Override
  public void close() {
    stop();
  }
}
