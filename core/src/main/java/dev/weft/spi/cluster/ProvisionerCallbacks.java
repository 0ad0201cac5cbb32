package dev.weft.spi.cluster;

import dev.weft.spi.scheduler.NodeStatus;

/** What a provisioner tells the cluster backend. Thread-safe. */
public interface ProvisionerCallbacks {
  /**
   * The process of {@code executorId} ended (its container completed, its node was lost). Its
   * running tasks are lost and rescheduled.
   *
   * @param reason why, in words a user understands ("container killed for exceeding its memory
   *     limit: 1.1 GB of 1 GB physical memory used")
   * @param countsAsFailure false when the application is not to blame (preemption, a lost node, the
   *     application's own request)
   */
  void executorExited(String executorId, String reason, boolean countsAsFailure);

  /**
   * The cluster manager reports a node draining (decommissioning, unhealthy), gone (lost,
   * decommissioned, shut down) or usable again. The default ignores it.
   */
  default void nodeChanged(NodeStatus status) {}
}
