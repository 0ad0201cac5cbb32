package dev.weft.yarn.am;

import dev.weft.core.status.AppStatusStore;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.ui.UiActions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

/**
 * The ApplicationMaster's side of the web UI: the status model the UI shows (fed by the driver's
 * status events once the user's code creates its context), the application attempt, and the kill
 * actions, which reach the driver once it exists.
 */
public final class AmUi implements UiActions {
  private final AppStatusStore store;
  private final String attemptId;
  private volatile DriverServices driver;

  public AmUi(AppStatusStore store, String attemptId) {
    this.store = store;
    this.attemptId = attemptId;
  }

  public AppStatusStore store() {
    return store;
  }

  /** YARN's attempt number of this ApplicationMaster. */
  public String attemptId() {
    return attemptId;
  }

  /** The driver's context started: the status events flow into the store, kills reach it. */
  void driverStarted(DriverServices services) {
    services.statusEvents().setAttemptId(attemptId);
    services.statusEvents().addSink(store);
    this.driver = services;
  }

  @Override
  public boolean killJob(int jobId, String reason) {
    DriverServices d = driver;
    return d != null && d.cancelJob(jobId, reason);
  }

  @Override
  public boolean killStage(int stageId, String reason) {
    DriverServices d = driver;
    return d != null && d.cancelStage(stageId, reason);
  }

  /**
   * The RM web proxy's hosts (the separate web proxy, or every ResourceManager's web app), as
   * Hadoop's AmIpFilter is configured for ApplicationMasters.
   */
  static List<String> proxyHosts(Configuration conf) {
    return WebAppUtils.getProxyHostsAndPortsForAmFilter(conf).stream()
        .map(hp -> hp.substring(0, hp.lastIndexOf(':')))
        .distinct()
        .toList();
  }

  /** {@code http(s)://<proxy>/proxy/<appId>}: where requests that bypass the proxy are sent. */
  static String proxyUriBase(Configuration conf, String appId) {
    String scheme = YarnConfiguration.useHttps(conf) ? "https://" : "http://";
    return scheme + WebAppUtils.getProxyHostAndPort(conf) + "/proxy/" + appId;
  }
}
