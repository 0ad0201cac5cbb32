package dev.weft.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Weft version this client was built as, for {@code yarn-submit --version}. */
final class WeftVersion implements IVersionProvider {
  private static final String RESOURCE = "weft-version.properties";

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String get() {
    Properties props = new Properties();
    try (InputStream in = WeftVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource " + RESOURCE + " is missing from the yarn-client jar");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
    return props.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "Weft " + get(), "Java " + System.getProperty("java.version") + " (" + javaHome() + ")"
    };
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }
}
