package dev.weft.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * The submitting client's connection to the YARN ResourceManager, with bounded retries: an
 * unreachable ResourceManager fails in seconds with one line naming its address, instead of the
 * YARN client's quarter of an hour of retries.
 */
final class ResourceManager implements AutoCloseable, QueueCheck.Queues {
  /** How long the client tries to reach the ResourceManager, unless the configuration says. */
  static final long CONNECT_MAX_WAIT_MS = 10_000;

  static final long CONNECT_RETRY_INTERVAL_MS = 1_000;

  private final YarnClient client;
  private final String address;

  private ResourceManager(YarnClient client, String address) {
    this.client = client;
    this.address = address;
  }

  /** Starts a client of the ResourceManager of {@code conf}; it connects on its first call. */
  static ResourceManager connect(Configuration clusterConf) {
    YarnConfiguration conf = new YarnConfiguration(clusterConf);
    boundRetries(conf);
    YarnClient client = YarnClient.createYarnClient();
    client.init(conf);
    client.start();
    return new ResourceManager(
        client, conf.get(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS));
  }

  /** Bounds the client's connection retries where the configuration keeps Hadoop's defaults. */
  static void boundRetries(Configuration conf) {
    setIfDefault(conf, YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, CONNECT_MAX_WAIT_MS);
    setIfDefault(
        conf,
        YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS,
        CONNECT_RETRY_INTERVAL_MS);
    // The ResourceManager proxy retries by the two settings above; IPC retries under each of its
    // attempts would multiply the wait.
    setIfDefault(conf, "ipc.client.connect.max.retries", 0);
    setIfDefault(conf, "ipc.client.connect.max.retries.on.timeouts", 0);
  }

  private static void setIfDefault(Configuration conf, String key, long value) {
    String[] sources = conf.getPropertySources(key);
    boolean fromDefaults = true;
    if (sources != null) {
      for (String source : sources) {
        fromDefaults &= source.endsWith("-default.xml");
      }
    }
    if (fromDefaults) {
      conf.setLong(key, value);
    }
  }

  /** The YARN client. */
  YarnClient client() {
    return client;
  }

  /** The ResourceManager's address, for messages. */
  String address() {
    return address;
  }

  /**
   * The error to report for {@code e}, thrown by a call to the ResourceManager: "Cannot reach" when
   * the network failed, else the YARN error in one line.
   */
  SubmitException failure(String doing, Exception e) {
    if (isUnreachable(e)) {
      return new SubmitException(
          "Cannot reach the YARN ResourceManager at "
              + address
              + " ("
              + YarnSubmit.describe(YarnSubmit.rootCause(e))
              + "); check HADOOP_CONF_DIR and that YARN runs",
          e);
    }
    return new SubmitException(
        "The YARN ResourceManager at "
            + address
            + " failed "
            + doing
            + ": "
            + YarnSubmit.describe(e),
        e);
  }

  static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof SocketTimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean exists(String queue) throws IOException, YarnException {
    QueueInfo info;
    try {
      info = client.getQueueInfo(queue);
    } catch (YarnException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("queue")) {
        return false;
      }
      throw e;
    }
    return info != null;
  }

  @Override
  public List<String> names() throws IOException, YarnException {
    List<String> names = new ArrayList<>();
    for (QueueInfo q : client.getAllQueues()) {
      names.add(q.getQueueName());
    }
    return names;
  }

  @Override
  public void close() {
    client.stop();
  }
}
