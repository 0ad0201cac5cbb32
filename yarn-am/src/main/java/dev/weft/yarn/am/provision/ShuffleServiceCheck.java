package dev.weft.yarn.am.provision;

import dev.weft.core.config.ConfigException;
import java.util.Collection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Whether the cluster runs Weft's shuffle service, which dynamic allocation cannot do without: it
 * serves the map outputs of executors that were released.
 */
final class ShuffleServiceCheck {
  private static final String INSTALL =
      "install it in every NodeManager as README.md's \"Install the shuffle service\" says, with"
          + " the settings of conf/yarn-site-weft-shuffle.xml";

  private ShuffleServiceCheck() {}

  /**
   * Refuses dynamic allocation when the cluster's configuration lists the NodeManagers' aux
   * services without {@code weft_shuffle}. A configuration that lists none (a client's trimmed
   * {@code yarn-site.xml}) says nothing; the first executor's container start then tells.
   *
   * @throws ConfigException saying how to install the service
   */
  static void requireConfigured(Configuration hadoopConf) {
    Collection<String> services =
        hadoopConf.getTrimmedStringCollection(YarnConfiguration.NM_AUX_SERVICES);
    if (!services.isEmpty() && !services.contains(ExecutorContextFactory.SHUFFLE_SERVICE)) {
      throw new ConfigException(
          "Dynamic allocation (weft.dynamicAllocation.enabled) needs Weft's shuffle service, but"
              + " the cluster's "
              + YarnConfiguration.NM_AUX_SERVICES
              + " is '"
              + String.join(",", services)
              + "', without "
              + ExecutorContextFactory.SHUFFLE_SERVICE
              + ": "
              + INSTALL
              + "; or run without dynamic allocation");
    }
  }

  /** What to tell when node {@code node} started an executor without the service. */
  static String missingOn(String node, boolean dynamicAllocation) {
    return (dynamicAllocation
            ? "Dynamic allocation (weft.dynamicAllocation.enabled) needs Weft's shuffle service"
                + " on every node, and node "
                + node
                + " has none"
            : "Node " + node + " has no Weft shuffle service")
        + " (YARN aux service '"
        + ExecutorContextFactory.SHUFFLE_SERVICE
        + "'): "
        + INSTALL;
  }
}
