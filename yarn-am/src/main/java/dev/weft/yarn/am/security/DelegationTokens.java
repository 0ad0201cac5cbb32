package dev.weft.yarn.am.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hadoop delegation tokens of the file systems a job uses on a secure cluster: the default file
 * system and those of {@code weft.yarn.access.hadoopFileSystems} (other NameNodes, HA nameservices,
 * viewfs mount tables, whose file systems add the tokens of every NameNode they span). {@code
 * yarn-submit} obtains them for the ApplicationMaster's launch context; the ApplicationMaster,
 * given a keytab, obtains fresh ones before they expire.
 */
public final class DelegationTokens {
  private static final Logger LOG = LogManager.getLogger(DelegationTokens.class);

  /** HDFS's setting of how long a token lives unless renewed, and its default (a day). */
  static final String RENEW_INTERVAL_KEY = "dfs.namenode.delegation.token.renew-interval";

  static final long DEFAULT_RENEW_INTERVAL_MS = 24L * 60 * 60 * 1000;

  private DelegationTokens() {}

  /**
   * The file systems to obtain tokens for: the default one of {@code conf}, then each of {@code
   * access} (the value of {@code weft.yarn.access.hadoopFileSystems}), without repeats.
   *
   * @throws IllegalArgumentException naming the key and the entry that is not a file system URI
   */
  public static List<URI> fileSystems(Configuration conf, String access) {
    Set<URI> out = new LinkedHashSet<>();
    out.add(FileSystem.getDefaultUri(conf));
    if (access != null) {
      for (String entry : access.split(",")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        URI uri;
        try {
          uri = new URI(e);
        } catch (URISyntaxException ex) {
          uri = null;
        }
        if (uri == null || uri.getScheme() == null) {
          throw new IllegalArgumentException(
              "Invalid entry '"
                  + e
                  + "' in weft.yarn.access.hadoopFileSystems: expected a file system URI such as"
                  + " hdfs://namenode:8020 or hdfs://nameservice");
        }
        out.add(uri);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Obtains a delegation token of each file system, as the current Hadoop user.
   *
   * @param renewer who may renew them: the ResourceManager for the tokens of a submission (it
   *     renews them while the application runs), the ApplicationMaster's own user for the tokens it
   *     obtains itself
   */
  public static Credentials obtain(Configuration conf, List<URI> fileSystems, String renewer)
      throws IOException {
    Credentials credentials = new Credentials();
    for (URI uri : fileSystems) {
      try (FileSystem fs = FileSystem.newInstance(uri, conf)) {
        Token<?>[] added = fs.addDelegationTokens(renewer, credentials);
        LOG.debug("Delegation tokens of {}: {}", uri, Arrays.toString(added));
      } catch (IOException e) {
        throw new IOException(
            "Cannot obtain a delegation token of " + uri + ": " + e.getMessage(), e);
      }
    }
    return credentials;
  }

  /**
   * When the first of {@code credentials}' delegation tokens expires, in epoch milliseconds, or -1
   * when none of them tells. A token expires at the end of its renewal interval unless renewed, and
   * never after its maximum date.
   *
   * @param renew whether to learn the expiry by renewing each token once (the current user must be
   *     its renewer); when false, or when renewing fails, the expiry is the issue date plus {@code
   *     dfs.namenode.delegation.token.renew-interval}
   */
  public static long firstExpiry(Credentials credentials, Configuration conf, boolean renew) {
    long first = -1;
    long interval = conf.getLong(RENEW_INTERVAL_KEY, DEFAULT_RENEW_INTERVAL_MS);
    for (Token<? extends TokenIdentifier> token : credentials.getAllTokens()) {
      AbstractDelegationTokenIdentifier id = identifier(token);
      if (id == null) {
        continue;
      }
      long expiry = id.getIssueDate() + interval;
      if (renew) {
        try {
          expiry = token.renew(conf);
        } catch (IOException | InterruptedException | RuntimeException e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          LOG.debug("Cannot renew {} to learn its expiry; assuming {}", token.getKind(), expiry, e);
        }
      }
      if (id.getMaxDate() > 0) {
        expiry = Math.min(expiry, id.getMaxDate());
      }
      first = first < 0 ? expiry : Math.min(first, expiry);
    }
    return first;
  }

  private static AbstractDelegationTokenIdentifier identifier(Token<?> token) {
    try {
      return token.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier id ? id : null;
    } catch (IOException | RuntimeException e) {
      return null; // a token kind this JVM does not know
    }
  }

  /**
   * {@code credentials}' tokens, without the AMRM token and without secret keys, in their token
   * storage format: what executors get.
   */
  public static byte[] tokensForExecutors(Credentials credentials) {
    Credentials out = new Credentials();
    for (Token<?> t : credentials.getAllTokens()) {
      if (!AMRMTokenIdentifier.KIND_NAME.equals(t.getKind())) {
        out.addToken(t.getService(), t);
      }
    }
    try (DataOutputBuffer buf = new DataOutputBuffer()) {
      out.writeTokenStorageToStream(buf);
      return Arrays.copyOf(buf.getData(), buf.getLength());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialize delegation tokens", e);
    }
  }

  /** {@code kind for service, ...}, for logs. */
  public static String describe(Credentials credentials) {
    List<String> names = new ArrayList<>();
    for (Token<?> t : credentials.getAllTokens()) {
      names.add(t.getKind() + " for " + t.getService());
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
