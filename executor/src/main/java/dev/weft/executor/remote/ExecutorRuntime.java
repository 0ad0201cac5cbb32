package dev.weft.executor.remote;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.DriverRpc;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.ExecutorMessage;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.rpc.proto.RegisterExecutorResponse;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.Executor;
import dev.weft.executor.ExecutorEnv;
import dev.weft.executor.config.ExecutorConfig;
import dev.weft.executor.config.ShuffleConfig;
import dev.weft.executor.faults.FaultInjector;
import dev.weft.executor.memory.MemoryBudget;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.shuffle.LocalBlockFetcher;
import dev.weft.executor.shuffle.ShuffleSettings;
import dev.weft.executor.storage.BlockManager;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.spi.cluster.ExecutorLaunch;
import io.grpc.ClientCall;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An executor of a remote driver, in this JVM: {@link #start} registers with the driver (which
 * answers with the node's shuffle port and the application's configuration), builds the executor's
 * memory, block manager and local dirs, registers the dirs with the node's shuffle service, and
 * opens the stream over which it runs tasks until the driver stops it or goes away. {@code
 * ExecutorMain} runs one per process; tests run several in one JVM.
 */
public final class ExecutorRuntime {
  private static final Logger LOG = LogManager.getLogger(ExecutorRuntime.class);

  /** Exit code after the driver's stop message. */
  public static final int EXIT_STOPPED = 0;

  /** Exit code when the driver went away without a stop message. */
  public static final int EXIT_DRIVER_LOST = 2;

  /**
   * Exit code after a task ran out of memory (fail-stop); the same code as Spark's executors, so
   * that the ApplicationMaster can explain the container's end.
   */
  public static final int EXIT_OUT_OF_MEMORY = 52;

  /** How long an executor that ran out of memory waits for the driver to take its goodbye. */
  private static final long OUT_OF_MEMORY_GOODBYE_MILLIS = 5_000;

  private final ExecutorLaunch launch;
  private final DriverClient driver;
  private final ShuffleClient shuffle;
  private final LocalDirs dirs;
  private final BlockManager blocks;
  private final Executor executor;
  private final DriverStream stream;
  private final NetworkBlockFetcher fetcher;
  private final StageBinaries binaries = new StageBinaries();
  private final ScheduledExecutorService heartbeats;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private ClientCall<ExecutorMessage, DriverMessage> call;
  private boolean stopping;
  private volatile boolean outOfMemory;

  private ExecutorRuntime(
      ExecutorLaunch launch,
      DriverClient driver,
      ShuffleClient shuffle,
      LocalDirs dirs,
      BlockManager blocks,
      Executor executor,
      DriverStream stream,
      NetworkBlockFetcher fetcher,
      ScheduledExecutorService heartbeats) {
    this.launch = launch;
    this.driver = driver;
    this.shuffle = shuffle;
    this.dirs = dirs;
    this.blocks = blocks;
    this.executor = executor;
    this.stream = stream;
    this.fetcher = fetcher;
    this.heartbeats = heartbeats;
  }

  /**
   * Registers with the driver and starts serving it; returns once the stream is open. The executor
   * shares its process with others: {@code weft.faults.killExecutor} crashes it ({@link #crash})
   * rather than ending the process.
   *
   * @param secret the application's secret
   * @param localDirs this executor's own directories (created when missing)
   * @param shuffleHost the node whose shuffle service serves this executor's files
   * @throws IllegalStateException with a one-line reason when registration or start-up fails
   */
  public static ExecutorRuntime start(
      ExecutorLaunch launch, byte[] secret, List<File> localDirs, String shuffleHost) {
    return start(launch, secret, localDirs, shuffleHost, false);
  }

  /**
   * As {@link #start(ExecutorLaunch, byte[], List, String)}, for an executor that owns its process
   * when {@code ownsProcess}: {@code weft.faults.killExecutor} then halts the process.
   */
  public static ExecutorRuntime start(
      ExecutorLaunch launch,
      byte[] secret,
      List<File> localDirs,
      String shuffleHost,
      boolean ownsProcess) {
    String id = launch.executorId();
    String appId = launch.driver().applicationId();
    DriverClient driver =
        new DriverClient(
            launch.driver(),
            secret,
            id,
            Math.toIntExact(CoreConfig.RPC_MESSAGE_MAX_SIZE.defaultValue()));
    List<AutoCloseable> opened = new ArrayList<>(List.of(driver));
    try {
      RegisterExecutorResponse registration =
          driver.register(
              RegisterExecutorRequest.newBuilder()
                  .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
                  .setExecutorId(id)
                  .setHost(launch.host())
                  .setRack(launch.rack() == null ? "" : launch.rack())
                  .setCores(launch.cores())
                  .setShuffleHost(shuffleHost)
                  .setPid(ProcessHandle.current().pid())
                  .setMaxHeapBytes(Runtime.getRuntime().maxMemory())
                  .build(),
              CoreConfig.RPC_REGISTRATION_TIMEOUT.defaultValue().multipliedBy(2));
      WeftConfig config = WeftConfig.of(registration.getConfigMap());
      int shufflePort = registration.getShufflePort();
      ShuffleClient shuffle = new ShuffleClient(shuffleClientConfig(config, appId, secret));
      opened.add(shuffle);
      LocalDirs dirs = new LocalDirs(localDirs);
      shuffle
          .registerExecutor(shuffleHost, shufflePort, id, LocalDirLayout.of(dirs.roots()))
          .get(config.get(ShuffleConfig.FETCH_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
      KryoSerializer serializer =
          new KryoSerializer(
              config.get(CoreConfig.KRYO_REFERENCE_TRACKING),
              config.get(CoreConfig.KRYO_REGISTRATION_REQUIRED),
              Arrays.stream(config.get(CoreConfig.KRYO_CLASSES).split(","))
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .toList(),
              dev.weft.core.serial.AvroSchemas.forExecutor());
      long budget = MemoryBudget.unifiedMemory(config, Runtime.getRuntime().maxMemory());
      UnifiedMemoryManager memory =
          new UnifiedMemoryManager(budget, config.get(ExecutorConfig.MEMORY_STORAGE_FRACTION));
      DriverStream stream = new DriverStream();
      BlockManager blocks = new BlockManager(id, launch.host(), memory, dirs, serializer, stream);
      NetworkBlockFetcher fetcher =
          new NetworkBlockFetcher(
              id, new LocalBlockFetcher(dirs), shuffle, config.get(ShuffleConfig.FETCH_TIMEOUT));
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      ExecutorEnv env =
          new ExecutorEnv(
              id,
              launch.host(),
              serializer,
              memory,
              blocks,
              dirs,
              driver,
              fetcher,
              driver::broadcast,
              ShuffleSettings.from(config),
              loader != null ? loader : ExecutorRuntime.class.getClassLoader(),
              driver::canCommit,
              shuffleHost,
              shufflePort,
              new dev.weft.hdfs.output.CommitLocks());
      AtomicReference<ExecutorRuntime> self = new AtomicReference<>();
      FaultInjector faults =
          FaultInjector.from(
              config, ownsProcess ? FaultInjector::haltProcess : () -> self.get().crash());
      ScheduledExecutorService heartbeats =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "weft-heartbeat-" + id);
                t.setDaemon(true);
                return t;
              });
      ExecutorRuntime runtime =
          new ExecutorRuntime(
              launch,
              driver,
              shuffle,
              dirs,
              blocks,
              new Executor(env, stream, faults, () -> self.get().outOfMemory()),
              stream,
              fetcher,
              heartbeats);
      self.set(runtime);
      runtime.connect(config.get(CoreConfig.EXECUTOR_HEARTBEAT_INTERVAL).toMillis());
      LOG.info(
          "Executor {} of {} serves driver {} with {} cores, {} bytes of unified memory, local"
              + " dirs {}, shuffle service {}:{}",
          id,
          appId,
          driver.driver(),
          launch.cores(),
          budget,
          dirs.roots(),
          shuffleHost,
          shufflePort);
      return runtime;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      closeAll(opened);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "Executor " + id + " of " + appId + " cannot start: " + cause, cause);
    } catch (InterruptedException e) {
      closeAll(opened);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Executor " + id + " interrupted while starting", e);
    }
  }

  private static ShuffleClientConfig shuffleClientConfig(
      WeftConfig config, String appId, byte[] secret) {
    return ShuffleClientConfig.builder(appId, secret)
        .ioThreads(1)
        .maxBytesInFlight(config.get(ShuffleConfig.FETCH_MAX_BYTES_IN_FLIGHT))
        .requestTimeout(config.get(ShuffleConfig.FETCH_TIMEOUT))
        .maxRetries(config.get(ShuffleConfig.FETCH_MAX_RETRIES))
        .retryWait(config.get(ShuffleConfig.FETCH_RETRY_WAIT))
        // The driver resolved the default from its environment and sent the value.
        .encrypt(Boolean.TRUE.equals(config.get(CoreConfig.SHUFFLE_ENCRYPTION_ENABLED)))
        .build();
  }

  private void connect(long heartbeatMillis) {
    call = driver.newStream();
    stream.attach(
        driver.connect(
            call,
            new DriverMessageHandler(
                launch.executorId(), executor, blocks, binaries, this::driverEnded, stream)));
    heartbeats.scheduleWithFixedDelay(
        () -> stream.heartbeat(executor.runningTaskIds()),
        0,
        heartbeatMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * A task ran out of memory and its failure is queued on the stream: the executor stops. Its half
   * of the stream is closed behind the failure so that the driver reads the failure first; the
   * driver then removes the executor and closes its half, which ends the executor. Should the
   * driver not answer, the executor ends anyway after a short wait. Ends with {@link
   * #EXIT_OUT_OF_MEMORY}.
   */
  private void outOfMemory() {
    synchronized (this) {
      if (outOfMemory || stopping) {
        return;
      }
      outOfMemory = true;
    }
    heartbeats.shutdownNow();
    stream.close();
    Thread t =
        new Thread(
            () -> {
              try {
                exit.get(OUT_OF_MEMORY_GOODBYE_MILLIS, TimeUnit.MILLISECONDS);
              } catch (TimeoutException | ExecutionException e) {
                driverEnded(EXIT_OUT_OF_MEMORY, "a task ran out of memory");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "weft-executor-oom-" + launch.executorId());
    t.setDaemon(true);
    t.start();
  }

  /** Stops once, on a thread of its own (never on a gRPC thread that the shutdown waits for). */
  private synchronized void driverEnded(int code, String why) {
    if (stopping) {
      return;
    }
    stopping = true;
    int exitCode = outOfMemory ? EXIT_OUT_OF_MEMORY : code;
    String reason = outOfMemory ? "a task ran out of memory (" + why + ")" : why;
    LOG.info("Executor {} stops: {}", launch.executorId(), reason);
    Thread t =
        new Thread(
            () -> {
              try {
                shutdown();
              } finally {
                exit.complete(exitCode);
              }
            },
            "weft-executor-stop-" + launch.executorId());
    t.setDaemon(true);
    t.start();
  }

  private void shutdown() {
    heartbeats.shutdownNow();
    executor.stop();
    stream.close();
    blocks.close();
    closeAll(List.of(shuffle, driver));
  }

  /** Waits until the driver stops this executor or goes away. */
  public int awaitExit() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The exit code once ended, as a future. */
  public CompletableFuture<Integer> exitCode() {
    return exit.copy();
  }

  /**
   * Ends this executor abruptly, as if its process died: the stream is cut without a goodbye and
   * running tasks are abandoned. For fault injection in tests.
   */
  public void crash() {
    if (call != null) {
      call.cancel("executor " + launch.executorId() + " crashed", null);
    }
    driverEnded(EXIT_DRIVER_LOST, "crashed on request");
  }

  /** Tasks running now. */
  public int runningTasks() {
    return executor.runningTasks();
  }

  /** How many stage binaries the driver sent; one per stage attempt that ran here. */
  public int binariesReceived() {
    return binaries.received();
  }

  /** How many tasks the driver launched here. */
  public int tasksLaunched() {
    return binaries.launches();
  }

  /** How many shuffle blocks this executor fetched from shuffle services over the network. */
  public long remoteBlocksFetched() {
    return fetcher.remoteBlocks();
  }

  /** This executor's local directories. */
  public List<File> localDirs() {
    return dirs.roots();
  }

  private static void closeAll(List<? extends AutoCloseable> resources) {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("Cannot close {}", c, e);
      }
    }
  }
}
