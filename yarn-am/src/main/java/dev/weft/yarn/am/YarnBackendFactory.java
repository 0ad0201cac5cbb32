package dev.weft.yarn.am;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.ClusterBackend;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;

/**
 * The backend of master {@code yarn}: a {@link ClusterBackend} whose executors run in YARN
 * containers of this application. Works only inside the ApplicationMaster, which hosts the driver.
 */
public final class YarnBackendFactory implements SchedulerBackendFactory {

  @Override
  public boolean accepts(String master) {
    return "yarn".equals(master);
  }

  /**
   * @throws ConfigException outside the ApplicationMaster
   */
  @Override
  public SchedulerBackend create(String master, WeftConfig config, DriverServices services) {
    AmRuntime am = AmRuntime.current();
    if (am == null) {
      throw new ConfigException(
          "The yarn master runs the driver inside the ApplicationMaster: submit the application"
              + " with bin/yarn-submit --master yarn");
    }
    am.status().setAppName(config.get(CoreConfig.APP_NAME));
    services.addListener(am.status());
    ExecutorProvisioner provisioner = am.provisioners().apply(config);
    services.statusEvents().setExecutorLogUrls(provisioner::executorLogUrl);
    am.ui().driverStarted(services);
    SchedulerBackend backend;
    try {
      backend =
          new ClusterBackend(
              config,
              services,
              provisioner,
              am.applicationId(),
              am.attempt(),
              am.secret(),
              am.host());
    } catch (RuntimeException e) {
      provisioner.stop();
      throw e;
    }
    am.backendCreated().accept(backend);
    return backend;
  }
}
