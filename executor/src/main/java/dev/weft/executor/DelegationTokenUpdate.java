package dev.weft.executor;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Applies the delegation tokens the driver sends when it re-obtained them (a secure cluster, a job
 * submitted with a keytab): they are added to this process's Hadoop user, where they replace the
 * tokens of the same services, so the executor's file system calls go on working past the lifetime
 * of the tokens it was launched with.
 */
public final class DelegationTokenUpdate {
  private static final Logger LOG = LogManager.getLogger(DelegationTokenUpdate.class);

  private DelegationTokenUpdate() {}

  /**
   * Adds {@code tokens} to the current Hadoop user; a failure is logged (the executor keeps the
   * tokens it has).
   *
   * @param tokens {@link Credentials} in their token storage format
   */
  public static void apply(byte[] tokens) {
    try {
      Credentials credentials = read(tokens);
      UserGroupInformation.getCurrentUser().addCredentials(credentials);
      LOG.info("Updated delegation tokens from the driver: {}", describe(credentials));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot apply the delegation tokens the driver sent; keeping the old ones", e);
    }
  }

  /** Reads credentials in their token storage format. */
  static Credentials read(byte[] tokens) throws IOException {
    Credentials credentials = new Credentials();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tokens))) {
      credentials.readTokenStorageStream(in);
    }
    return credentials;
  }

  /** {@code kind for service, ...}, for the log. */
  static String describe(Credentials credentials) {
    List<String> names = new ArrayList<>();
    for (Token<?> t : credentials.getAllTokens()) {
      names.add(t.getKind() + " for " + t.getService());
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
