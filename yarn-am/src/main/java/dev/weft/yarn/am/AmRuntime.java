package dev.weft.yarn.am;

import dev.weft.core.config.WeftConfig;
import dev.weft.spi.cluster.ExecutorProvisioner;
import dev.weft.spi.scheduler.SchedulerBackend;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the running ApplicationMaster offers the driver's {@link YarnBackendFactory}: set by {@link
 * ApplicationMaster} before it runs the user's {@code main}, absent in any other JVM.
 *
 * @param applicationId the YARN application id
 * @param attempt the number of this ApplicationMaster attempt (1 for the first)
 * @param host the host executors reach the driver at (the AM's NodeManager host)
 * @param secret the application's secret
 * @param status the status document's tracker (yarn-submit polls it), a scheduler listener
 * @param ui the web UI's status model and kill actions
 * @param provisioners makes the executor provisioner for the application's configuration
 * @param backendCreated told of the backend, so the AM can stop it when {@code main} returns
 */
public record AmRuntime(
    String applicationId,
    int attempt,
    String host,
    byte[] secret,
    StatusTracker status,
    AmUi ui,
    Function<WeftConfig, ExecutorProvisioner> provisioners,
    Consumer<SchedulerBackend> backendCreated) {

  private static volatile AmRuntime current;

  /** Makes {@code runtime} the one of this JVM. */
  public static void install(AmRuntime runtime) {
    current = runtime;
  }

  /** The runtime of this JVM's ApplicationMaster, or null outside one. */
  public static AmRuntime current() {
    return current;
  }

  /** Forgets the installed runtime (tests). */
  public static void clear() {
    current = null;
  }
}
