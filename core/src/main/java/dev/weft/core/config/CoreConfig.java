package dev.weft.core.config;

import java.time.Duration;
import java.util.Map;

/** Keys of the driver, scheduler and serializer ({@code weft.*} outside the module prefixes). */
public final class CoreConfig implements ConfigDeclarations {

  public static final ConfigKey<String> MASTER =
      ConfigKey.string("weft.master")
          .doc(
              "Where the job runs: local[N] (N task threads in this JVM; local[*] for one per"
                  + " core), yarn (the cluster of HADOOP_CONF_DIR) or embedded (an in-process"
                  + " YARN and HDFS).")
          .check(
              m -> m.matches("local(\\[(\\d+|\\*)])?|yarn|embedded"),
              "local, local[N], local[*], yarn or embedded")
          .build();

  public static final ConfigKey<String> APP_NAME =
      ConfigKey.string("weft.app.name")
          .defaultValue("weft-app")
          .doc("The application's name, shown by YARN and in the UI.")
          .build();

  public static final ConfigKey<Integer> DEFAULT_PARALLELISM =
      ConfigKey.integer("weft.default.parallelism")
          .doc(
              "Partitions of parallelize and range, and of shuffles whose parents give no count;"
                  + " unset means the total number of executor cores.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Long> EXECUTOR_MEMORY =
      ConfigKey.size("weft.executor.memory")
          .defaultValue("1g")
          .doc(
              "Heap of each executor. Under local[N] it bounds the in-process executor's memory"
                  + " manager in the same way (capped by the JVM's maximum heap).")
          .check(n -> n >= 1 << 20, "at least 1m")
          .build();

  public static final ConfigKey<Integer> EXECUTOR_CORES =
      ConfigKey.integer("weft.executor.cores")
          .defaultValue("1")
          .doc("Task threads of each executor on YARN.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<String> LOCAL_DIRS =
      ConfigKey.string("weft.local.dirs")
          .doc(
              "Comma-separated directories for shuffle files, spills and disk-cached blocks."
                  + " Unset: the container's local dirs on YARN, java.io.tmpdir otherwise.")
          .build();

  public static final ConfigKey<Long> FILES_MAX_PARTITION_BYTES =
      ConfigKey.size("weft.files.maxPartitionBytes")
          .defaultValue("128m")
          .doc(
              "Largest input split of a file scan; a larger file is cut into splits (along HDFS"
                  + " blocks), smaller files are packed together up to this size.")
          .check(n -> n >= 1, "a positive size")
          .build();

  public static final ConfigKey<Long> FILES_OPEN_COST =
      ConfigKey.size("weft.files.openCost")
          .defaultValue("4m")
          .doc(
              "What opening one more file costs, counted as bytes when small files are packed"
                  + " into partitions, so that 10,000 tiny files do not become 10,000 tasks nor"
                  + " one huge one.")
          .check(n -> n >= 0, "a size of 0 or more")
          .build();

  public static final ConfigKey<Boolean> FILES_IGNORE_CORRUPT =
      ConfigKey.bool("weft.files.ignoreCorrupt")
          .defaultValue("false")
          .doc(
              "Skip a corrupt Avro, Parquet or compressed text file whole (logging its name)"
                  + " instead of failing the job; WeftContext.corruptFilesSkipped() counts them."
                  + " A file is skipped whole or not at all: each file is read to its end before"
                  + " its records are returned (a second read of the input), so a damaged file"
                  + " contributes none of its records. Only damaged files are skipped, never a"
                  + " reader's failure for another reason or a schema the file does not match.")
          .build();

  public static final ConfigKey<String> LOCALITY_HOST_ALIASES =
      ConfigKey.string("weft.locality.hostAliases")
          .doc(
              "Names under which one machine is known to HDFS and to YARN when they differ, as"
                  + " comma-separated hdfsName=yarnName pairs (e.g. dn7.example.com=nm7.example.com)."
                  + " Block hosts are matched against executors' nodes through it; without an"
                  + " entry, names are compared case-insensitively and loopback addresses mean"
                  + " localhost.")
          .check(
              s ->
                  s.isBlank()
                      || s.matches(
                          "\\s*[^=,\\s]+\\s*=\\s*[^=,\\s]+\\s*(,\\s*[^=,\\s]+\\s*=\\s*[^=,\\s]+\\s*)*"),
              "comma-separated hdfsName=yarnName pairs")
          .build();

  public static final ConfigKey<Integer> TASK_MAX_FAILURES =
      ConfigKey.integer("weft.task.maxFailures")
          .defaultValue("4")
          .doc(
              "Attempts of one task before its job fails with the task's error. Fetch failures"
                  + " and killed executors do not count.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Duration> LOCALITY_WAIT =
      ConfigKey.duration("weft.locality.wait")
          .defaultValue("3s")
          .doc(
              "How long a task set waits for a free slot at its best locality level before it"
                  + " accepts the next level (process, node, rack, any). 0 disables delay"
                  + " scheduling.")
          .build();

  public static final ConfigKey<Duration> LOCALITY_WAIT_PROCESS =
      ConfigKey.duration("weft.locality.wait.process")
          .doc("The wait at PROCESS_LOCAL; unset means weft.locality.wait.")
          .build();

  public static final ConfigKey<Duration> LOCALITY_WAIT_NODE =
      ConfigKey.duration("weft.locality.wait.node")
          .doc("The wait at NODE_LOCAL; unset means weft.locality.wait.")
          .build();

  public static final ConfigKey<Duration> LOCALITY_WAIT_RACK =
      ConfigKey.duration("weft.locality.wait.rack")
          .doc("The wait at RACK_LOCAL; unset means weft.locality.wait.")
          .build();

  public static final ConfigKey<Duration> REVIVE_INTERVAL =
      ConfigKey.duration("weft.scheduler.revive.interval")
          .defaultValue("100ms")
          .doc(
              "How often the scheduler offers free executor slots again to task sets that are"
                  + " waiting for locality.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Double> MIN_REGISTERED_EXECUTORS_RATIO =
      ConfigKey.decimal("weft.scheduler.minRegisteredExecutorsRatio")
          .defaultValue("0.8")
          .doc(
              "Share of the requested executors (weft.executor.instances on YARN; the initial"
                  + " executors with dynamic allocation) that must have registered before the"
                  + " first tasks are launched, so that the first executor"
                  + " up does not take every task away from the nodes holding their data. 0"
                  + " launches as soon as any executor is there.")
          .check(r -> r >= 0 && r <= 1, "a ratio between 0 and 1")
          .build();

  public static final ConfigKey<Duration> MAX_REGISTERED_WAITING_TIME =
      ConfigKey.duration("weft.scheduler.maxRegisteredWaitingTime")
          .defaultValue("30s")
          .doc(
              "The longest the first tasks wait for weft.scheduler.minRegisteredExecutorsRatio;"
                  + " after it they run on the executors that are there.")
          .check(d -> !d.isNegative(), "a duration of 0 or more")
          .build();

  public static final ConfigKey<Boolean> DYNAMIC_ALLOCATION_ENABLED =
      ConfigKey.bool("weft.dynamicAllocation.enabled")
          .defaultValue("false")
          .doc(
              "Grow and shrink the executor count with the work: ask for more executors while"
                  + " tasks wait, release executors that stay idle. On YARN it needs Weft's"
                  + " shuffle service in every NodeManager (README, Install the shuffle service),"
                  + " which keeps serving the map outputs of released executors. Ignored by"
                  + " local[N], whose executor is fixed.")
          .build();

  public static final ConfigKey<Integer> DYNAMIC_ALLOCATION_MIN_EXECUTORS =
      ConfigKey.integer("weft.dynamicAllocation.minExecutors")
          .defaultValue("0")
          .doc("Executors dynamic allocation keeps even when there is nothing to run.")
          .check(n -> n >= 0, "0 or more")
          .build();

  public static final ConfigKey<Integer> DYNAMIC_ALLOCATION_MAX_EXECUTORS =
      ConfigKey.integer("weft.dynamicAllocation.maxExecutors")
          .doc(
              "The most executors dynamic allocation asks for. Unset: no limit but the work"
                  + " (pending and running tasks over weft.executor.cores) and what the cluster"
                  + " grants.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Integer> DYNAMIC_ALLOCATION_INITIAL_EXECUTORS =
      ConfigKey.integer("weft.dynamicAllocation.initialExecutors")
          .doc(
              "Executors asked for when the application starts, before any backlog; they are"
                  + " kept until the first tasks come or weft.dynamicAllocation.executorIdleTimeout"
                  + " passes. Unset: weft.executor.instances when it is set (yarn-submit"
                  + " --num-executors, raised to minExecutors), else minExecutors. Must lie"
                  + " between minExecutors and maxExecutors.")
          .check(n -> n >= 0, "0 or more")
          .build();

  public static final ConfigKey<Duration> DYNAMIC_ALLOCATION_BACKLOG_TIMEOUT =
      ConfigKey.duration("weft.dynamicAllocation.schedulerBacklogTimeout")
          .defaultValue("1s")
          .doc(
              "How long tasks must have been waiting before dynamic allocation asks for more"
                  + " executors (one in the first round).")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> DYNAMIC_ALLOCATION_SUSTAINED_BACKLOG_TIMEOUT =
      ConfigKey.duration("weft.dynamicAllocation.sustainedSchedulerBacklogTimeout")
          .doc(
              "While tasks keep waiting, the interval between later rounds of requests, each"
                  + " asking for twice as many executors as the one before (1, 2, 4, ...), up to"
                  + " what the waiting tasks need. Unset: weft.dynamicAllocation"
                  + ".schedulerBacklogTimeout.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> DYNAMIC_ALLOCATION_IDLE_TIMEOUT =
      ConfigKey.duration("weft.dynamicAllocation.executorIdleTimeout")
          .defaultValue("60s")
          .doc(
              "An executor that has run no task for this long is released (never below"
                  + " minExecutors, and never while tasks are waiting to run); its map outputs"
                  + " stay readable through the shuffle service.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> DYNAMIC_ALLOCATION_CACHED_IDLE_TIMEOUT =
      ConfigKey.duration("weft.dynamicAllocation.cachedExecutorIdleTimeout")
          .doc(
              "The idle timeout of executors that hold cached partitions, whose loss means"
                  + " recomputing them. Unset: such executors are never released.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Integer> STAGE_MAX_CONSECUTIVE_ATTEMPTS =
      ConfigKey.integer("weft.stage.maxConsecutiveAttempts")
          .defaultValue("4")
          .doc(
              "Attempts of one stage in a row that may end in fetch failures before its job is"
                  + " aborted.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Boolean> SPECULATION_ENABLED =
      ConfigKey.bool("weft.speculation.enabled")
          .defaultValue("false")
          .doc(
              "Run a second copy of a task that is much slower than the others of its stage (see"
                  + " weft.speculation.*); the first attempt to finish wins, the other is killed,"
                  + " and only one attempt per partition commits output. A copy goes to another"
                  + " host when one has a free core, else to another executor; a copy of a task that"
                  + " returns its result or writes files (not a map task) may also share the"
                  + " executor, as it does under local[N].")
          .build();

  public static final ConfigKey<Duration> SPECULATION_INTERVAL =
      ConfigKey.duration("weft.speculation.interval")
          .defaultValue("100ms")
          .doc("How often the scheduler looks for tasks to speculate.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Double> SPECULATION_MULTIPLIER =
      ConfigKey.decimal("weft.speculation.multiplier")
          .defaultValue("1.5")
          .doc(
              "A running task is slow once it has run this many times the median duration of the"
                  + " tasks of its stage attempt that succeeded.")
          .check(m -> m >= 1, "a number of at least 1")
          .build();

  public static final ConfigKey<Double> SPECULATION_QUANTILE =
      ConfigKey.decimal("weft.speculation.quantile")
          .defaultValue("0.75")
          .doc(
              "Share of a stage attempt's tasks that must have succeeded before its slow tasks are"
                  + " speculated (so the median means something).")
          .check(q -> q > 0 && q <= 1, "a number in (0, 1]")
          .build();

  public static final ConfigKey<Duration> SPECULATION_MIN_TASK_RUNTIME =
      ConfigKey.duration("weft.speculation.minTaskRuntime")
          .defaultValue("1s")
          .doc(
              "A task is never speculated before it has run this long, however short the median:"
                  + " copies of very short tasks cost more than they save.")
          .check(d -> !d.isNegative(), "a duration of 0 or more")
          .build();

  public static final ConfigKey<Long> DRIVER_MAX_RESULT_SIZE =
      ConfigKey.size("weft.driver.maxResultSize")
          .defaultValue("1g")
          .doc(
              "Limit on the serialized results of one action (collect, take, ...) sent to the"
                  + " driver; a job over it fails rather than exhausting the driver's heap. 0"
                  + " means no limit.")
          .check(n -> n >= 0, "a size of 0 or more")
          .build();

  public static final ConfigKey<Boolean> KRYO_REFERENCE_TRACKING =
      ConfigKey.bool("weft.serializer.kryo.referenceTracking")
          .defaultValue("true")
          .doc(
              "Preserve shared and cyclic references inside records. Turn off for records that"
                  + " are plain trees, for speed.")
          .build();

  public static final ConfigKey<Boolean> KRYO_REGISTRATION_REQUIRED =
      ConfigKey.bool("weft.serializer.kryo.registrationRequired")
          .defaultValue("false")
          .doc(
              "Refuse record classes that are not registered; unregistered classes work but write"
                  + " their name with the data.")
          .build();

  public static final ConfigKey<String> KRYO_CLASSES =
      ConfigKey.string("weft.serializer.kryo.classesToRegister")
          .defaultValue("")
          .doc("Comma-separated record classes to register with Kryo.")
          .build();

  public static final ConfigKey<Integer> DRIVER_PORT =
      ConfigKey.integer("weft.driver.port")
          .defaultValue("0")
          .doc(
              "Port of the driver's RPC endpoint that executors register with (it listens on all"
                  + " interfaces); 0 picks a free port.")
          .check(p -> p >= 0 && p <= 65535, "a port between 0 and 65535")
          .build();

  public static final ConfigKey<Long> RPC_MESSAGE_MAX_SIZE =
      ConfigKey.size("weft.rpc.message.maxSize")
          .defaultValue("256m")
          .doc(
              "Largest message between driver and executors (a stage binary, a task result, the"
                  + " map statuses of a shuffle); both sides refuse larger ones.")
          .check(n -> n >= 1 << 20 && n < Integer.MAX_VALUE, "a size between 1m and 2g")
          .build();

  public static final ConfigKey<Boolean> RPC_ENCRYPTION_ENABLED =
      ConfigKey.bool("weft.rpc.encryption.enabled")
          .doc(
              "Encrypt the RPC between driver and executors with TLS (a key and self-signed"
                  + " certificate the driver makes for each run; executors pin the certificate"
                  + " through the challenge-response over the application's secret). Unset: on"
                  + " when Hadoop security (Kerberos) is enabled, off otherwise. Driver and"
                  + " executors authenticate each other either way.")
          .build();

  public static final ConfigKey<Boolean> SHUFFLE_ENCRYPTION_ENABLED =
      ConfigKey.bool("weft.shuffle.encryption.enabled")
          .doc(
              "Encrypt and integrity-protect the connections between executors and the shuffle"
                  + " service: after the challenge-response handshake every frame, block bytes"
                  + " included, travels as AES-256-GCM records under keys derived for each"
                  + " connection from the application's secret and both handshake nonces; a"
                  + " replayed, reordered or altered record fails the fetch. The shuffle service"
                  + " then refuses the application's unencrypted connections. Unset: on when"
                  + " Hadoop security (Kerberos) is enabled, off otherwise, like"
                  + " weft.rpc.encryption.enabled. Costs throughput: see the README.")
          .build();

  public static final ConfigKey<String> RPC_DESERIALIZATION_ALLOWED_CLASSES =
      ConfigKey.string("weft.rpc.deserialization.allowedClasses")
          .defaultValue("")
          .doc(
              "Further classes the driver accepts in what executors send with Java serialization"
                  + " (accumulator values of the application's own types), as"
                  + " java.io.ObjectInputFilter patterns separated by ';' (com.acme.Event;"
                  + "com.acme.model.*). Weft's classes, accumulators, exceptions, strings, boxed"
                  + " numbers and standard collections are always accepted; anything else is"
                  + " refused.")
          .check(CoreConfig::validFilterPatterns, "java.io.ObjectInputFilter patterns")
          .build();

  public static final ConfigKey<String> REDACTION_REGEX =
      ConfigKey.string("weft.redaction.regex")
          .defaultValue(Redaction.DEFAULT_REGEX)
          .doc(
              "Configuration entries whose key or value this regular expression finds a match in"
                  + " are shown, written to the event log and logged with their value hidden. The"
                  + " default covers Hadoop credential providers, S3A, ABFS/WASB and GCS keys, SSL"
                  + " store passwords and any secret, password, token, credential or private key.")
          .check(Redaction::compiles, "a valid Java regular expression")
          .build();

  public static final ConfigKey<Duration> RPC_REGISTRATION_TIMEOUT =
      ConfigKey.duration("weft.rpc.registrationTimeout")
          .defaultValue("30s")
          .doc(
              "How long the driver waits for the port of an executor's shuffle service before it"
                  + " refuses the executor's registration; also how long an executor waits for"
                  + " the driver's answer.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> EXECUTOR_HEARTBEAT_INTERVAL =
      ConfigKey.duration("weft.executor.heartbeatInterval")
          .defaultValue("5s")
          .doc("How often an executor tells the driver it is alive and which tasks it runs.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> NETWORK_TIMEOUT =
      ConfigKey.duration("weft.network.timeout")
          .defaultValue("120s")
          .doc(
              "How long the driver waits to hear from an executor (Spark's spark.network.timeout):"
                  + " an executor silent for this long is declared lost, its process is killed and"
                  + " its tasks run elsewhere. Keep it several times"
                  + " weft.executor.heartbeatInterval.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  private static boolean validFilterPatterns(String patterns) {
    if (patterns.isBlank()) {
      return true;
    }
    try {
      java.io.ObjectInputFilter.Config.createFilter(patterns.trim());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static final ConfigKey<Duration> EXECUTOR_HEARTBEAT_TIMEOUT =
      ConfigKey.duration("weft.executor.heartbeatTimeout")
          .doc(
              "An executor silent for this long is removed and its tasks run elsewhere. Unset"
                  + " means weft.network.timeout, which is the key to set.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  /**
   * How long an executor may be silent before the driver declares it lost: {@code
   * weft.executor.heartbeatTimeout} when set, else {@code weft.network.timeout}; with the key that
   * decided, for messages.
   */
  public static Map.Entry<Duration, String> executorSilenceLimit(WeftConfig config) {
    Duration own = config.get(EXECUTOR_HEARTBEAT_TIMEOUT);
    return own != null
        ? Map.entry(own, EXECUTOR_HEARTBEAT_TIMEOUT.name())
        : Map.entry(config.get(NETWORK_TIMEOUT), NETWORK_TIMEOUT.name());
  }
}
