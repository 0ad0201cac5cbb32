package dev.weft.spi.cluster;

/**
 * Where an application's executors reach its driver.
 *
 * @param host the driver's host, as executors resolve it
 * @param port the port of the driver's RPC endpoint
 * @param applicationId the application's id (YARN's)
 * @param encrypted whether the endpoint speaks TLS ({@code weft.rpc.encryption.enabled})
 */
public record DriverAddress(String host, int port, String applicationId, boolean encrypted) {
  /** An endpoint without encryption. */
  public DriverAddress(String host, int port, String applicationId) {
    this(host, port, applicationId, false);
  }
}
