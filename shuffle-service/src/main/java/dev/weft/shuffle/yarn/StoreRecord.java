package dev.weft.shuffle.yarn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record of the recovery store: the facts the shuffle service must remember across a
 * NodeManager restart. Records are replayed in order; replaying a sequence twice gives the same
 * state as replaying it once, which is what makes compaction crash-safe.
 */
sealed interface StoreRecord {

  /** The application's id, or null for records that belong to no application. */
  String appId();

  /**
   * An application was initialized on this node with its shuffle secret, for {@code user} (null in
   * records written before the user was kept), whose dirs confine it.
   */
  record ApplicationRegistered(String appId, byte[] secret, String user) implements StoreRecord {
    public ApplicationRegistered {
      Objects.requireNonNull(appId, "appId");
      secret = secret.clone();
    }

    /** A record without a user. */
    ApplicationRegistered(String appId, byte[] secret) {
      this(appId, secret, null);
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ApplicationRegistered other
          && appId.equals(other.appId)
          && Arrays.equals(secret, other.secret)
          && Objects.equals(user, other.user);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * appId.hashCode() + Arrays.hashCode(secret)) + Objects.hashCode(user);
    }

    @Override
    public String toString() {
      return "ApplicationRegistered["
          + appId
          + ", secret of "
          + secret.length
          + " bytes, user "
          + user
          + "]";
    }
  }

  /**
   * An executor of an application registered the local dirs that hold its shuffle files and the
   * number of sub-directories its layout spreads files over in each.
   */
  record ExecutorRegistered(
      String appId, String executorId, List<String> localDirs, int subDirsPerDir)
      implements StoreRecord {
    public ExecutorRegistered {
      Objects.requireNonNull(appId, "appId");
      Objects.requireNonNull(executorId, "executorId");
      localDirs = List.copyOf(localDirs);
    }
  }

  /** An application stopped: it and all its executors are forgotten. */
  record ApplicationRemoved(String appId) implements StoreRecord {
    public ApplicationRemoved {
      Objects.requireNonNull(appId, "appId");
    }
  }

  /**
   * The last record of a snapshot file, counting the records before it. A snapshot without it, or
   * with a wrong count, was not written completely.
   */
  record SnapshotEnd(int recordCount) implements StoreRecord {
    @Override
    public String appId() {
      return null;
    }
  }
}
