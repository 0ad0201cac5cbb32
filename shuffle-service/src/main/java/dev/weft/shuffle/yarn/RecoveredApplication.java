package dev.weft.shuffle.yarn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An application the recovery store remembers: its secret and its executors' registrations, to be
 * registered with the shuffle server again after a NodeManager restart.
 *
 * @param appId the YARN application id, e.g. {@code application_1700000000000_0001}
 * @param secret the application's shuffle secret
 * @param executors its executors' registrations, in registration order
 */
record RecoveredApplication(
    String appId, byte[] secret, List<StoreRecord.ExecutorRegistered> executors) {
  RecoveredApplication {
    Objects.requireNonNull(appId, "appId");
    secret = secret.clone();
    executors = List.copyOf(executors);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecoveredApplication other
        && appId.equals(other.appId)
        && Arrays.equals(secret, other.secret)
        && executors.equals(other.executors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(appId, Arrays.hashCode(secret), executors);
  }

  @Override
  public String toString() {
    return "RecoveredApplication[" + appId + ", " + executors.size() + " executors]";
  }
}
