package dev.weft.spi.cluster;

import java.util.List;

/**
 * The command-line contract of {@code dev.weft.executor.ExecutorMain}, shared by whoever launches
 * executors and the executor itself.
 *
 * @param driver the driver to register with
 * @param executorId the executor's id, unique in the application
 * @param host the canonical name of the node it runs on (what the scheduler matches block hosts
 *     against)
 * @param rack the node's rack, or null when unknown
 * @param cores how many tasks it runs at once
 */
public record ExecutorLaunch(
    DriverAddress driver, String executorId, String host, String rack, int cores) {

  /**
   * The alias of the application's secret in the Hadoop credentials of the AM's and executors'
   * containers ({@code Credentials.getSecretKey}); RPC to the driver and shuffle fetches
   * authenticate with it.
   */
  public static final String SECRET_ALIAS = "weft.application.secret";

  /** The main class that executors run. */
  public static final String MAIN_CLASS = "dev.weft.executor.ExecutorMain";

  /** {@code ExecutorMain}'s arguments. */
  public List<String> arguments() {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--driver",
                driver.host() + ":" + driver.port(),
                "--app-id",
                driver.applicationId(),
                "--executor-id",
                executorId,
                "--host",
                host,
                "--cores",
                Integer.toString(cores)));
    if (rack != null) {
      args.add("--rack");
      args.add(rack);
    }
    if (driver.encrypted()) {
      args.add("--driver-encryption");
      args.add("true");
    }
    return args;
  }
}
