package dev.weft.api;

import dev.weft.core.driver.DriverRuntime;
import dev.weft.core.driver.Internals;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.UnionNode;
import dev.weft.hdfs.parquet.ParquetScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The entry point of a Weft program, like Spark's {@code JavaSparkContext}: it connects to the
 * master, creates datasets and runs their actions. One per application; close it at the end.
 *
 * <pre>{@code
 * try (WeftContext weft = new WeftContext(new WeftConf().setAppName("etl"))) {
 *   long n = weft.textFile("hdfs:///logs").filter(l -> l.contains("ERROR")).count();
 * }
 * }</pre>
 *
 * <p>This class is the public face of the driver; the driver itself (scheduler, trackers, event
 * log, sources, committed output) is internal ({@code dev.weft.core.driver}).
 */
public final class WeftContext implements AutoCloseable {
  static {
    Internals.install(new ApiBridge());
  }

  private final DriverRuntime runtime;

  /**
   * Starts a context for {@code conf}.
   *
   * @throws IllegalArgumentException with a one-line message for an unknown or malformed {@code
   *     weft.*} key, a missing master, or a master no backend on the classpath serves
   */
  public WeftContext(WeftConf conf) {
    this.runtime = new DriverRuntime(this, conf.getAll());
  }

  /** The driver behind this context, for the datasets of this package. */
  DriverRuntime runtime() {
    return runtime;
  }

  /**
   * Fails a running job with {@code reason}: the action that runs it throws {@link
   * JobFailedException}. Job ids are those of the UI and the event log.
   *
   * @return false when no such job runs
   */
  public boolean cancelJob(int jobId, String reason) {
    return runtime.cancelJob(jobId, reason);
  }

  // ---- creating datasets ----

  /** A dataset of the elements of {@code data}, in {@link #defaultParallelism()} partitions. */
  public <T> Dataset<T> parallelize(List<T> data) {
    return parallelize(data, defaultParallelism());
  }

  /** A dataset of the elements of {@code data}, cut into {@code numPartitions} slices in order. */
  public <T> Dataset<T> parallelize(List<T> data, int numPartitions) {
    return new Dataset<>(this, runtime.sources().parallelize(data, numPartitions));
  }

  /** A pair dataset of the pairs in {@code data}. */
  public <K, V> PairDataset<K, V> parallelizePairs(List<Tuple2<K, V>> data) {
    return parallelizePairs(data, defaultParallelism());
  }

  /** A pair dataset of the pairs in {@code data}, in {@code numPartitions} slices. */
  public <K, V> PairDataset<K, V> parallelizePairs(List<Tuple2<K, V>> data, int numPartitions) {
    return new PairDataset<>(this, runtime.sources().parallelize(data, numPartitions));
  }

  /** The numbers from {@code start} (inclusive) to {@code end} (exclusive). */
  public Dataset<Long> range(long start, long end) {
    return range(start, end, 1, defaultParallelism());
  }

  /** The numbers {@code start, start+step, ...} before {@code end}, in {@code numPartitions}. */
  public Dataset<Long> range(long start, long end, long step, int numPartitions) {
    return new Dataset<>(this, runtime.sources().range(start, end, step, numPartitions));
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
    return new Dataset<>(this, runtime.sources().textFile(path, minPartitions));
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
    return new Dataset<>(this, runtime.sources().avro(path, readerSchema));
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
    return new Dataset<>(this, runtime.sources().avro(path, recordClass));
  }

  /**
   * The records of Parquet files (a file, or a directory read with its sub-directories, such as a
   * partitioned layout, or a glob) as Avro records; narrow the scan with {@link
   * ParquetDataset#select} and {@link ParquetDataset#where}, which Parquet evaluates.
   *
   * @throws IllegalArgumentException naming the path when it does not exist
   */
  public ParquetDataset parquet(String path) {
    runtime.checkOpen();
    return new ParquetDataset(
        this,
        runtime.sources().planInput(List.of(path), defaultParallelism(), true),
        ParquetScan.all());
  }

  /** How many corrupt files scans skipped so far ({@code weft.files.ignoreCorrupt}). */
  public long corruptFilesSkipped() {
    return runtime.sources().corruptFilesSkipped();
  }

  /** A dataset with no partitions and no records. */
  public <T> Dataset<T> emptyDataset() {
    return parallelize(List.of(), 1).mapPartitions(it -> Collections.emptyIterator());
  }

  /** The records of all {@code datasets}, one after another, without a shuffle. */
  @SafeVarargs
  public final <T> Dataset<T> union(Dataset<T>... datasets) {
    runtime.checkOpen();
    List<PlanNode<T>> nodes = new ArrayList<>();
    for (Dataset<T> d : datasets) {
      nodes.add(d.node);
    }
    return new Dataset<>(this, new UnionNode<>(runtime.newNodeId(), nodes));
  }

  // ---- shared variables ----

  /** Sends {@code value} to each executor once; read it in tasks with {@link Broadcast#value()}. */
  public <T> Broadcast<T> broadcast(T value) {
    runtime.checkOpen();
    long id = runtime.addBroadcast(runtime.serializer().serialize(value));
    return new Broadcast<>(id, value, this);
  }

  void unpersistBroadcast(long id, boolean destroy) {
    runtime.removeBroadcast(id, destroy);
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
    return runtime.register(accumulator, name);
  }

  // ---- information ----

  /** Partitions used when none are given: {@code weft.default.parallelism}, else all cores. */
  public int defaultParallelism() {
    return runtime.defaultParallelism();
  }

  public String applicationId() {
    return runtime.applicationId();
  }

  /**
   * Which attempt at the application this is: 1, or more when the cluster manager restarted the
   * driver after the previous attempt died ({@code yarn-submit --max-app-attempts}). Every attempt
   * runs the program from its start; output that an earlier attempt did not commit is discarded.
   */
  public int applicationAttempt() {
    return runtime.applicationAttempt();
  }

  public String appName() {
    return runtime.config().get(dev.weft.core.config.CoreConfig.APP_NAME);
  }

  public String master() {
    return runtime.config().get(dev.weft.core.config.CoreConfig.MASTER);
  }

  /**
   * A copy of this context's configuration, as Spark's {@code getConf()}: every entry given when it
   * started (defaults are not filled in). Changing the copy does not change the running context.
   */
  public WeftConf getConf() {
    WeftConf copy = new WeftConf(false);
    for (Map.Entry<String, String> e : runtime.config().entries().entrySet()) {
      copy.set(e.getKey(), e.getValue());
    }
    return copy;
  }

  /** Whether {@link #stop} was called. */
  public boolean isStopped() {
    return runtime.isStopped();
  }

  /** Stops the scheduler and the executors; running jobs fail. Idempotent. */
  public void stop() {
    runtime.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** What internal modules may do with this package's classes ({@link Internals}). */
  private static final class ApiBridge implements Internals.Api {
    @Override
    public DriverRuntime runtime(WeftContext context) {
      return context.runtime;
    }

    @Override
    public <T> Dataset<T> dataset(WeftContext context, PlanNode<T> node) {
      return new Dataset<>(context, node);
    }

    @Override
    public <K, V> PairDataset<K, V> pairDataset(WeftContext context, PlanNode<Tuple2<K, V>> node) {
      return new PairDataset<>(context, node);
    }

    @Override
    public <T> PlanNode<T> node(Dataset<T> dataset) {
      return dataset.node;
    }

    @Override
    public void bindAccumulator(Accumulator<?, ?> accumulator, long id, String name) {
      accumulator.register(id, name);
    }
  }
}
