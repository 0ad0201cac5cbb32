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
 * @param user the user the application runs as; null when the store predates keeping it
 * @param executors its executors' registrations, in registration order
 */
record RecoveredApplication(
    String appId, byte[] secret, String user, List<StoreRecord.ExecutorRegistered> executors) {
  RecoveredApplication {
    Objects.requireNonNull(appId, "appId");
    secret = secret.clone();
    executors = List.copyOf(executors);
  }

  /** An application recovered without its user. */
  RecoveredApplication(
      String appId, byte[] secret, List<StoreRecord.ExecutorRegistered> executors) {
    this(appId, secret, null, executors);
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
        && Objects.equals(user, other.user)
        && executors.equals(other.executors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(appId, Arrays.hashCode(secret), user, executors);
  }

  @Override
  public String toString() {
    return "RecoveredApplication[" + appId + ", " + executors.size() + " executors]";
  }
}
