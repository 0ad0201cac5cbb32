package dev.weft.yarn.am;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.ClusterBackend;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.yarn.am.provision.YarnProvisioner;
import dev.weft.yarn.am.security.DelegationTokens;
import dev.weft.yarn.am.security.KeytabTokenSource;
import dev.weft.yarn.am.security.TokenRefresher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The ApplicationMaster's delegation tokens on a secure cluster with a keytab ({@code yarn-submit
 * --principal --keytab}): it logs in from the keytab that came with the AM's container, obtains
 * fresh tokens before the old ones expire ({@link TokenRefresher}) and hands each new set to the
 * AM's own Hadoop user (its file system calls), to the provisioner (executors launched later) and
 * to the driver's backend, which sends them to the running executors.
 */
final class AmCredentials implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(AmCredentials.class);

  private final Supplier<SchedulerBackend> backend;
  private final ScheduledExecutorService timer;
  private volatile YarnProvisioner provisioner;

  private AmCredentials(Supplier<SchedulerBackend> backend) {
    this.backend = backend;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weft-token-refresh");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts refreshing tokens when security is on and the AM has the keytab of {@code
   * weft.yarn.principal}; null otherwise (tokens then last as long as the ResourceManager renews
   * them: up to their maximum lifetime).
   *
   * @throws IOException with a one-line reason when the keytab does not log in or no tokens come
   */
  static AmCredentials startIfKeytab(
      WeftConfig config, Configuration hadoopConf, Path workDir, Supplier<SchedulerBackend> backend)
      throws IOException {
    String principal = config.get(YarnConfig.PRINCIPAL);
    Path keytab = workDir.resolve(LaunchSpec.KEYTAB);
    if (!UserGroupInformation.isSecurityEnabled() || principal == null) {
      return null;
    }
    if (!Files.isRegularFile(keytab)) {
      throw new IOException(
          "weft.yarn.principal is "
              + principal
              + " but the ApplicationMaster got no keytab ("
              + LaunchSpec.KEYTAB
              + "): submit with yarn-submit --principal and --keytab");
    }
    AmCredentials credentials = new AmCredentials(backend);
    TokenRefresher refresher =
        new TokenRefresher(
            KeytabTokenSource.login(
                hadoopConf,
                principal,
                keytab.toFile(),
                config.get(YarnConfig.PROXY_USER),
                DelegationTokens.fileSystems(
                    hadoopConf, config.get(YarnConfig.ACCESS_FILE_SYSTEMS))),
            credentials::update,
            config.get(YarnConfig.TOKEN_RENEWAL_RATIO),
            config.get(YarnConfig.TOKEN_RETRY_WAIT),
            credentials::schedule,
            System::currentTimeMillis);
    try {
      refresher.start();
    } catch (Exception e) {
      credentials.close();
      throw new IOException(
          "Cannot obtain delegation tokens as "
              + principal
              + " from its keytab: "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
    return credentials;
  }

  private void schedule(Runnable task, long delayMillis) {
    try {
      timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: the application is ending
    }
  }

  /** Executors this provisioner launches from now on get the latest tokens. */
  void provisionerCreated(YarnProvisioner p) {
    provisioner = p;
  }

  private void update(Credentials fresh) {
    try {
      UserGroupInformation.getCurrentUser().addCredentials(fresh);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot add delegation tokens to the AM's user: " + e, e);
    }
    YarnProvisioner p = provisioner;
    if (p != null) {
      p.updateCredentials(fresh);
    }
    if (backend.get() instanceof ClusterBackend cluster) {
      cluster.updateCredentials(DelegationTokens.tokensForExecutors(fresh));
    } else {
      LOG.debug("No executors to send the new delegation tokens to yet");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
