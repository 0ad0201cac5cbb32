package dev.weft.spi.scheduler;

import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.serial.KryoSerializer;

/** What the driver offers backends to hand to their executors. */
public interface DriverServices {
  /** Map output locations, asked by reduce tasks. */
  MapOutputSource mapOutputs();

  /** Receives executors' cached block updates. */
  BlockStatusListener blockStatus();

  /** The serialized value of a broadcast variable, by id. */
  byte[] broadcastBytes(long broadcastId);

  KryoSerializer serializer();

  /**
   * Whether a task attempt may commit its output partition; only the first attempt of a partition
   * to ask is allowed (unless it fails).
   */
  boolean canCommit(int stageId, int partition, long taskAttemptId);

  /**
   * Registers a listener for job, stage, task and executor events of this driver (the YARN
   * backend's status page, the UI). Events are delivered on the listener bus's thread.
   */
  void addListener(dev.weft.core.scheduler.SchedulerListener listener);

  /**
   * The driver's status events (what the UI and the event log show): a backend adds sinks to it
   * (e.g. the ApplicationMaster's web UI) and says where executors' logs are.
   */
  dev.weft.core.status.StatusEventSource statusEvents();

  /** Fails a running job (the UI's kill action); false when it does not run. */
  boolean cancelJob(int jobId, String reason);

  /** Aborts a running stage and fails the jobs that need it; false when it does not run. */
  boolean cancelStage(int stageId, String reason);
}
