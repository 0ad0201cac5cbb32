package dev.weft.yarn.am;

import dev.weft.yarn.am.provision.YarnProvisioner;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * The ResourceManager client's callbacks (on its callback thread): container events go to the
 * provisioner once the driver made one, and a shutdown request or a lost ResourceManager fails the
 * application.
 */
final class RmCallbacks extends AMRMClientAsync.AbstractCallbackHandler {
  private final StatusTracker status;
  private final Consumer<String> fail;
  private volatile YarnProvisioner provisioner;
  private volatile Consumer<List<Container>> orphans = c -> {};

  RmCallbacks(StatusTracker status, Consumer<String> fail) {
    this.status = status;
    this.fail = fail;
  }

  void setProvisioner(YarnProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  /** Where containers go that arrive when no provisioner exists (they are released). */
  void setOrphanHandler(Consumer<List<Container>> orphans) {
    this.orphans = orphans;
  }

  @Override
  public void onContainersAllocated(List<Container> containers) {
    YarnProvisioner p = provisioner;
    if (p != null) {
      p.onContainersAllocated(containers);
    } else {
      orphans.accept(containers);
    }
  }

  @Override
  public void onContainersCompleted(List<ContainerStatus> statuses) {
    YarnProvisioner p = provisioner;
    if (p != null) {
      p.onContainersCompleted(statuses);
    }
  }

  @Override
  public void onContainersUpdated(List<UpdatedContainer> containers) {}

  @Override
  public void onShutdownRequest() {
    fail.accept("The ResourceManager asked the ApplicationMaster to shut down");
  }

  @Override
  public void onNodesUpdated(List<NodeReport> updatedNodes) {
    YarnProvisioner p = provisioner;
    if (p != null) {
      p.onNodesUpdated(List.copyOf(updatedNodes));
    }
  }

  @Override
  public float getProgress() {
    return status.progress();
  }

  @Override
  public void onError(Throwable e) {
    fail.accept("Lost the ResourceManager: " + Failures.describe(e));
  }
}
