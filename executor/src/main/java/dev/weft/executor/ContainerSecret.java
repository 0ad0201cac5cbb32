package dev.weft.executor;

import dev.weft.spi.cluster.ExecutorLaunch;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The application's secret ({@link ExecutorLaunch#SECRET_ALIAS}) from a container's Hadoop
 * credentials. It reads the token file the NodeManager names in {@code HADOOP_TOKEN_FILE_LOCATION}
 * directly: Hadoop's login, which would read the same file, loads the Hadoop configuration and its
 * security machinery and took about a second of each executor's start. Without that file (or
 * without the secret in it) it asks Hadoop's login user, as before.
 */
final class ContainerSecret {
  /** The variable through which YARN names a container's token file. */
  static final String TOKEN_FILE_ENV = UserGroupInformation.HADOOP_TOKEN_FILE_LOCATION;

  private ContainerSecret() {}

  /**
   * Reads the secret.
   *
   * @param tokenFile the value of {@code HADOOP_TOKEN_FILE_LOCATION}, or null when unset
   * @throws IllegalStateException naming the file when it cannot be read or holds no secret
   */
  static byte[] read(String tokenFile) {
    byte[] secret =
        tokenFile != null && !tokenFile.isBlank() ? fromFile(new File(tokenFile)) : fromLoginUser();
    if (secret == null || secret.length == 0) {
      throw new IllegalStateException(
          "no application secret '"
              + ExecutorLaunch.SECRET_ALIAS
              + "' in the container's credentials"
              + (tokenFile == null ? "" : " (" + tokenFile + ")"));
    }
    return secret;
  }

  private static byte[] fromFile(File file) {
    Credentials credentials = new Credentials();
    try (InputStream in = Files.newInputStream(file.toPath());
        DataInputStream data = new DataInputStream(in)) {
      credentials.readTokenStorageStream(data);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the container's credentials " + file + ": " + e, e);
    }
    byte[] secret = credentials.getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS));
    return secret != null ? secret : fromLoginUser();
  }

  private static byte[] fromLoginUser() {
    try {
      return UserGroupInformation.getCurrentUser()
          .getCredentials()
          .getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the container's credentials: " + e, e);
    }
  }
}
