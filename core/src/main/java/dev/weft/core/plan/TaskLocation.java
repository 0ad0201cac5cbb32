package dev.weft.core.plan;

import java.io.Serializable;

/**
 * Where a task would like to run: on a host, or on one executor of a host (where a cached partition
 * lives).
 *
 * @param host the canonical host name
 * @param executorId the executor, or null when any executor on {@code host} will do
 */
public record TaskLocation(String host, String executorId) implements Serializable {
  public static TaskLocation host(String host) {
    return new TaskLocation(host, null);
  }

  public static TaskLocation executor(String host, String executorId) {
    return new TaskLocation(host, executorId);
  }
}
