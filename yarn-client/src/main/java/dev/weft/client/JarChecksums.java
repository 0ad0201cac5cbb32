package dev.weft.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * SHA-256 of local jars, remembered in a small properties file keyed by path, size and modification
 * time, so a submission hashes only the jars that changed since the last one.
 */
final class JarChecksums {
  private final Path store;
  private final Properties known = new Properties();
  private final Properties used = new Properties();
  private boolean dirty;

  /**
   * @param store the file that remembers checksums, or null to remember nothing
   */
  JarChecksums(Path store) {
    this.store = store;
    if (store != null && Files.isRegularFile(store)) {
      try (Reader in = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
        known.load(in);
      } catch (IOException | IllegalArgumentException e) {
        known.clear(); // a damaged cache is only a cache: hash again
      }
    }
  }

  /** The hex SHA-256 of {@code jar}. */
  String sha256(Path jar) throws IOException {
    String key =
        jar.toAbsolutePath()
            + "|"
            + Files.size(jar)
            + "|"
            + Files.getLastModifiedTime(jar).toMillis();
    String sum = known.getProperty(key);
    if (sum == null) {
      sum = hash(jar);
      dirty = true;
    }
    used.setProperty(key, sum);
    return sum;
  }

  /**
   * Writes back the checksums of the jars hashed or looked up since this was made, dropping the
   * others (older builds' jars), so the file does not grow. Best effort: a failure only costs
   * hashing again.
   */
  void save() {
    if (store == null || (!dirty && used.size() == known.size())) {
      return;
    }
    try {
      Files.createDirectories(store.getParent());
      Path tmp = Files.createTempFile(store.getParent(), store.getFileName().toString(), ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        used.store(out, "SHA-256 of jars by path|size|mtime, written by yarn-submit");
      }
      Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    } catch (IOException e) {
      // Not worth failing a submission for.
    }
  }

  private static String hash(Path jar) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java without SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(jar)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
