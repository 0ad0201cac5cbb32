package dev.weft.executor.local;

import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.runtime.BlockId;
import dev.weft.executor.Executor;
import dev.weft.executor.ExecutorEnv;
import dev.weft.executor.config.ExecutorConfig;
import dev.weft.executor.faults.FaultInjector;
import dev.weft.executor.memory.MemoryBudget;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.shuffle.LocalBlockFetcher;
import dev.weft.executor.shuffle.ShuffleSettings;
import dev.weft.executor.storage.BlockManager;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The {@code local[N]} master: one in-process executor with N task threads, running the same task
 * runtime, shuffle files, block manager and memory limits as an executor on YARN. Task results and
 * status reach the scheduler without a network hop.
 */
public final class LocalBackend implements SchedulerBackend {
  private static final Logger LOG = LogManager.getLogger(LocalBackend.class);
  static final String EXECUTOR_ID = "driver";
  static final String HOST = "localhost";

  private final int threads;
  private final String applicationId;
  private final LocalDirs dirs;
  private final BlockManager blocks;
  private final ExecutorEnv env;
  private final FaultInjector faults;
  private Executor executor;
  private volatile boolean stopped;

  LocalBackend(int threads, WeftConfig config, DriverServices services) {
    this.threads = threads;
    // The executor is this process: it cannot be killed on its own (weft.faults.killExecutor).
    this.faults = FaultInjector.from(config, null);
    this.applicationId = "local-" + System.currentTimeMillis() + "-" + shortId();
    long budget = MemoryBudget.unifiedMemory(config, Runtime.getRuntime().maxMemory());
    UnifiedMemoryManager memory =
        new UnifiedMemoryManager(budget, config.get(ExecutorConfig.MEMORY_STORAGE_FRACTION));
    this.dirs = new LocalDirs(localDirs(config, applicationId));
    this.blocks =
        new BlockManager(
            EXECUTOR_ID, HOST, memory, dirs, services.serializer(), services.blockStatus());
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.env =
        new ExecutorEnv(
            EXECUTOR_ID,
            HOST,
            services.serializer(),
            memory,
            blocks,
            dirs,
            services.mapOutputs(),
            new LocalBlockFetcher(dirs),
            services::broadcastBytes,
            ShuffleSettings.from(config),
            loader != null ? loader : LocalBackend.class.getClassLoader(),
            services::canCommit);
    LOG.info(
        "Local executor with {} task threads, {} bytes of unified memory, local dirs {}",
        threads,
        budget,
        dirs.roots());
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** One directory per configured root, private to this application. */
  private static List<File> localDirs(WeftConfig config, String applicationId) {
    String configured = config.get(CoreConfig.LOCAL_DIRS);
    List<File> roots = new ArrayList<>();
    if (configured == null || configured.isBlank()) {
      roots.add(new File(System.getProperty("java.io.tmpdir")));
    } else {
      for (String d : configured.split(",")) {
        if (!d.isBlank()) {
          roots.add(new File(d.trim()));
        }
      }
    }
    List<File> dirs = new ArrayList<>();
    for (File root : roots) {
      dirs.add(new File(root, "weft-" + applicationId));
    }
    return dirs;
  }

  @Override
  public void start(SchedulerCallbacks callbacks) {
    executor = new Executor(env, callbacks::taskEnded, faults);
    callbacks.executorAdded(new ExecutorDescriptor(EXECUTOR_ID, HOST, null, threads));
  }

  @Override
  public void launchTask(TaskDescription task) {
    executor.launch(task);
  }

  @Override
  public void killTask(String executorId, long taskId, String reason) {
    executor.kill(taskId, reason);
  }

  @Override
  public void unpersist(int nodeId) {
    blocks.removeNode(nodeId);
  }

  @Override
  public void removeBroadcast(long broadcastId) {
    blocks.remove(BlockId.broadcast(broadcastId));
  }

  @Override
  public int defaultParallelism() {
    return threads;
  }

  @Override
  public String applicationId() {
    return applicationId;
  }

  /** The local directories of this application (shuffle files, spills, disk blocks). */
  public List<File> localDirectories() {
    return dirs.roots();
  }

  @Override
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (executor != null) {
      executor.stop();
    }
    blocks.close();
    dirs.deleteAll();
  }
}
