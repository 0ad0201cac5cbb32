package dev.weft.executor.faults;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskKilledException;
import dev.weft.executor.config.FaultConfig;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleIndex;
import dev.weft.spi.scheduler.TaskDescription;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Injects the faults of {@code weft.faults.*} ({@link FaultConfig}) into the task attempts they
 * name: at a task's start it kills the executor, delays the task or fails it; after a map task
 * wrote its output it deletes or corrupts the files, before the driver learns where they are. Every
 * injected fault is logged as a warning naming its key. Thread-safe (immutable).
 */
public final class FaultInjector {
  private static final Logger LOG = LogManager.getLogger(FaultInjector.class);

  /** The exit code of an executor process killed by {@code weft.faults.killExecutor}. */
  public static final int KILLED_EXIT_CODE = 137;

  /** Injects nothing. */
  public static final FaultInjector NONE =
      new FaultInjector(List.of(), List.of(), Duration.ZERO, List.of(), List.of(), List.of(), null);

  private final List<TaskPattern> fail;
  private final List<TaskPattern.Delayed> slow;
  private final Duration slowDelay;
  private final List<TaskPattern> kill;
  private final List<TaskPattern> drop;
  private final List<TaskPattern> corrupt;
  private final Runnable killExecutor;

  private FaultInjector(
      List<TaskPattern> fail,
      List<TaskPattern.Delayed> slow,
      Duration slowDelay,
      List<TaskPattern> kill,
      List<TaskPattern> drop,
      List<TaskPattern> corrupt,
      Runnable killExecutor) {
    this.fail = fail;
    this.slow = slow;
    this.slowDelay = slowDelay;
    this.kill = kill;
    this.drop = drop;
    this.corrupt = corrupt;
    this.killExecutor = killExecutor;
  }

  /**
   * The faults {@code config} asks for.
   *
   * @param killExecutor ends this executor abruptly; null where executors cannot be killed (the
   *     driver's own process), which refuses {@code weft.faults.killExecutor}
   * @throws ConfigException when {@code weft.faults.killExecutor} is set and {@code killExecutor}
   *     is null
   */
  public static FaultInjector from(WeftConfig config, Runnable killExecutor) {
    List<TaskPattern> kill = TaskPattern.parseList(config.get(FaultConfig.KILL_EXECUTOR));
    if (!kill.isEmpty() && killExecutor == null) {
      throw new ConfigException(
          FaultConfig.KILL_EXECUTOR.name()
              + " needs executors in processes of their own (--master yarn or embedded); under"
              + " local[N] the executor is the driver's own process");
    }
    return new FaultInjector(
        TaskPattern.parseList(config.get(FaultConfig.FAIL_TASK)),
        TaskPattern.parseDelayedList(config.get(FaultConfig.SLOW_TASK)),
        config.get(FaultConfig.SLOW_TASK_DELAY),
        kill,
        TaskPattern.parseList(config.get(FaultConfig.DROP_MAP_OUTPUT)),
        TaskPattern.parseList(config.get(FaultConfig.CORRUPT_MAP_OUTPUT)),
        killExecutor);
  }

  /** Ends the process at once, as {@code kill -9} would: no shutdown hooks, no goodbye. */
  public static void haltProcess() {
    Runtime.getRuntime().halt(KILLED_EXIT_CODE);
  }

  /**
   * At the start of a task attempt: kills the executor, then waits, then fails, as configured.
   *
   * @throws InjectedFaultException when the attempt must fail
   * @throws TaskKilledException when the attempt was killed while it waited, or its executor was
   *     killed (an executor sharing its process with others is only crashed, and the task ends)
   */
  public void beforeTask(TaskDescription task) {
    if (hits(kill, task)) {
      String what = "Injected fault (" + FaultConfig.KILL_EXECUTOR.name() + ")";
      LOG.warn("{}: killing executor {} at the start of {}", what, task.executorId(), task.name());
      // Log4j may not get to write before the process ends; stderr is unbuffered.
      System.err.println(
          what + ": killing executor " + task.executorId() + " at the start of " + task.name());
      killExecutor.run();
      throw new TaskKilledException(what + ": executor " + task.executorId() + " was killed");
    }
    Duration delay = delayOf(task);
    if (delay != null) {
      LOG.warn(
          "Injected fault ({}): delaying {} by {} ms",
          FaultConfig.SLOW_TASK.name(),
          task.name(),
          delay.toMillis());
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        throw new TaskKilledException(
            "interrupted while delayed by " + FaultConfig.SLOW_TASK.name());
      }
    }
    if (hits(fail, task)) {
      LOG.warn("Injected fault ({}): failing {}", FaultConfig.FAIL_TASK.name(), task.name());
      throw new InjectedFaultException(
          "Injected failure of " + task.name() + " (" + FaultConfig.FAIL_TASK.name() + ")");
    }
  }

  /**
   * After a map task committed its output to {@code dirs}, before it reports it: deletes it, or
   * flips one byte in the middle of each non-empty block, as configured.
   *
   * @throws IOException when the files cannot be deleted or changed
   */
  public void afterMapOutput(TaskDescription task, int shuffleId, MapStatus output, LocalDirs dirs)
      throws IOException {
    int mapId = output.mapId();
    File data = dirs.file(ShuffleFileNames.dataFile(shuffleId, mapId, output.mapOutputId()));
    File index = dirs.file(ShuffleFileNames.indexFile(shuffleId, mapId, output.mapOutputId()));
    if (hits(drop, task)) {
      Files.deleteIfExists(index.toPath());
      Files.deleteIfExists(data.toPath());
      LOG.warn(
          "Injected fault ({}): deleted map output {} of shuffle {} ({}) written by {}",
          FaultConfig.DROP_MAP_OUTPUT.name(),
          mapId,
          shuffleId,
          data,
          task.name());
    } else if (hits(corrupt, task)) {
      int blocks = corruptBlocks(data, ShuffleIndex.read(index));
      LOG.warn(
          "Injected fault ({}): corrupted {} blocks of map output {} of shuffle {} ({}) written by"
              + " {}",
          FaultConfig.CORRUPT_MAP_OUTPUT.name(),
          blocks,
          mapId,
          shuffleId,
          data,
          task.name());
    }
  }

  private static int corruptBlocks(File data, ShuffleIndex index) throws IOException {
    int corrupted = 0;
    try (RandomAccessFile file = new RandomAccessFile(data, "rw")) {
      for (int p = 0; p < index.numPartitions(); p++) {
        if (index.length(p) > 0) {
          long at = index.offset(p) + index.length(p) / 2;
          file.seek(at);
          int b = file.read();
          file.seek(at);
          file.write(b ^ 0xFF);
          corrupted++;
        }
      }
    }
    return corrupted;
  }

  /** Whether any fault touches map outputs, so the runner knows to call {@link #afterMapOutput}. */
  public boolean damagesMapOutputs() {
    return !drop.isEmpty() || !corrupt.isEmpty();
  }

  /** The delay of the first slow-task pattern that hits {@code task}, or null. */
  private Duration delayOf(TaskDescription task) {
    for (TaskPattern.Delayed d : slow) {
      if (hits(List.of(d.pattern()), task)) {
        return d.delay() != null ? d.delay() : slowDelay;
      }
    }
    return null;
  }

  private static boolean hits(List<TaskPattern> patterns, TaskDescription task) {
    for (TaskPattern p : patterns) {
      if (p.matches(task.stageId(), task.stageAttempt(), task.partition(), task.attemptNumber())) {
        return true;
      }
    }
    return false;
  }
}
