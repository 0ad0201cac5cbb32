package dev.weft.core.rpc;

import dev.weft.core.config.WeftConfig;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;

/**
 * The scheduler backend of executors in other processes (YARN containers): it runs the driver's
 * gRPC endpoint, which executors register with and keep a stream open to, and leaves starting and
 * stopping executor processes to an {@link ExecutorProvisioner}. SKELETON: to be implemented.
 */
public final class ClusterBackend implements SchedulerBackend {

  /**
   * @param config the application's configuration
   * @param services what executors ask the driver for (map outputs, broadcasts, commits)
   * @param provisioner starts and stops executor processes
   * @param applicationId the application's id
   * @param secret the application's secret; every RPC call must carry it
   * @param bindHost the host name executors reach the driver at (the endpoint listens on all
   *     interfaces)
   */
  public ClusterBackend(
      WeftConfig config,
      DriverServices services,
      ExecutorProvisioner provisioner,
      String applicationId,
      byte[] secret,
      String bindHost) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void start(SchedulerCallbacks callbacks) {}

  @Override
  public void launchTask(TaskDescription task) {}

  @Override
  public void killTask(String executorId, long taskId, String reason) {}

  @Override
  public void unpersist(int nodeId) {}

  @Override
  public void removeBroadcast(long broadcastId) {}

  @Override
  public int defaultParallelism() {
    return 0;
  }

  @Override
  public String applicationId() {
    return null;
  }

  /** The port the driver endpoint listens on, once started. */
  public int port() {
    return 0;
  }

  @Override
  public void stop() {}
}
