package dev.weft.yarn.am.provision;

import dev.weft.core.scheduler.HostNames;
import java.util.function.Function;
import org.apache.hadoop.yarn.api.records.NodeId;

/**
 * How executors' nodes are named. An executor's host (what the scheduler and the backlog match
 * input locations against, and what container requests name) is the canonical name of its node's
 * host, or, when the cluster sets {@code yarn.scheduler.include-port-in-node-name} (mini clusters
 * with several NodeManagers on one host), the node id {@code host:port}, which is then also YARN's
 * node name in requests and the blacklist.
 */
public final class NodeNames {
  private final boolean includePort;
  private final HostNames hostNames;
  private final Function<String, String> rackOfHost;

  /**
   * @param includePort the cluster's {@code yarn.scheduler.include-port-in-node-name}
   * @param hostNames the canonicalizer of the application's host aliases
   * @param rackOfHost the rack of a host name, or null when unknown
   */
  public NodeNames(boolean includePort, HostNames hostNames, Function<String, String> rackOfHost) {
    this.includePort = includePort;
    this.hostNames = hostNames;
    this.rackOfHost = rackOfHost;
  }

  /** The host of executors on {@code node}. */
  public String executorHost(NodeId node) {
    return includePort ? node.toString() : hostNames.canonical(node.getHost());
  }

  /** YARN's name of {@code node}, as its blacklist takes it. */
  public String yarnName(NodeId node) {
    return includePort ? node.toString() : node.getHost();
  }

  /** The rack of {@code node}, or null when unknown. */
  public String rack(NodeId node) {
    return rackOfHost.apply(node.getHost());
  }
}
