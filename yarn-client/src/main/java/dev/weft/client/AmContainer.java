package dev.weft.client;

import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.yarn.am.AmLaunch;
import dev.weft.yarn.am.ContainerResources;
import dev.weft.yarn.am.LaunchSpec;
import dev.weft.yarn.am.provision.ExecutorContextFactory;
import dev.weft.yarn.am.provision.ShellWords;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * Builds the ApplicationMaster's container: local resources, environment, command, size and
 * credentials. Pure: everything comes from its arguments, so it is tested without a cluster.
 */
final class AmContainer {
  /** The aux service that serves shuffle files; the AM container carries the secret for it. */
  static final String SHUFFLE_SERVICE = "weft_shuffle";

  /** The overhead when none is configured: 10% of the heap, at least this. */
  static final long MIN_OVERHEAD = 384L << 20;

  private AmContainer() {}

  /**
   * What the AM container is made of.
   *
   * @param launch the launch spec: every local resource, and the staging directory that tells
   *     APPLICATION resources from PRIVATE ones (the jar cache's, which NodeManagers keep)
   * @param heapBytes the driver's heap ({@code weft.driver.memory})
   * @param overheadBytes {@code weft.driver.memoryOverhead}, or null for the default
   * @param cores {@code weft.driver.cores}
   * @param javaOptions {@code weft.driver.extraJavaOptions}, or null
   * @param secret the application's secret
   * @param credentials delegation tokens to hand on (the secret is added to a copy)
   * @param keytab the keytab in the staging directory, linked as {@link LaunchSpec#KEYTAB} for the
   *     AM alone; null for none
   * @param shuffleEncryption whether the shuffle service must refuse the application's unencrypted
   *     connections ({@code weft.shuffle.encryption.enabled} as resolved)
   */
  record Spec(
      LaunchSpec launch,
      long heapBytes,
      Long overheadBytes,
      int cores,
      String javaOptions,
      byte[] secret,
      Credentials credentials,
      LaunchSpec.Resource keytab,
      boolean shuffleEncryption) {}

  /**
   * The launch context of {@code spec}.
   *
   * @throws IllegalArgumentException when the Java options do not split into words
   */
  static ContainerLaunchContext context(Spec spec) throws IOException {
    Credentials credentials = new Credentials(spec.credentials());
    credentials.addSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS), spec.secret().clone());
    return ContainerLaunchContext.newInstance(
        localResources(spec),
        environment(spec.launch()),
        command(spec.heapBytes(), spec.javaOptions()),
        Map.of(
            SHUFFLE_SERVICE,
            ExecutorContextFactory.shuffleServiceData(spec.secret(), spec.shuffleEncryption())),
        tokens(credentials),
        null);
  }

  /**
   * The launch spec's resources, and the keytab if any: a file of this application only ({@code
   * APPLICATION} visibility: localized into the application's private cache of the user, removed
   * when the application ends), in no executor's container.
   */
  static Map<String, LocalResource> localResources(Spec spec) {
    Map<String, LocalResource> resources =
        new LinkedHashMap<>(ContainerResources.localResources(spec.launch()));
    LaunchSpec.Resource keytab = spec.keytab();
    if (keytab != null) {
      resources.put(
          keytab.linkName(),
          LocalResource.newInstance(
              URL.fromURI(URI.create(keytab.uri())),
              LocalResourceType.FILE,
              LocalResourceVisibility.APPLICATION,
              keytab.size(),
              keytab.timestamp()));
    }
    return resources;
  }

  /** The container's size: heap plus overhead (rounded up to MB), and cores. */
  static Resource resource(Spec spec) {
    return Resource.newInstance(containerMb(spec.heapBytes(), spec.overheadBytes()), spec.cores());
  }

  /** Heap plus overhead in MB, rounded up. */
  static long containerMb(long heapBytes, Long overheadBytes) {
    return mbUp(heapBytes + overhead(heapBytes, overheadBytes));
  }

  /** {@code configured}, or 10% of {@code heapBytes}, at least 384m. */
  static long overhead(long heapBytes, Long configured) {
    return configured != null ? configured : Math.max(MIN_OVERHEAD, heapBytes / 10);
  }

  /**
   * {@code CLASSPATH}: the configuration directory, then the spec's classpath resources in order
   * (the application jar and {@code --jars} first, then Weft's runtime), as executors get it.
   */
  static Map<String, String> environment(LaunchSpec launch) {
    return Map.of(Environment.CLASSPATH.name(), ContainerResources.classpath(launch));
  }

  /** The AM's command line, with stdout and stderr in the container's log directory. */
  static List<String> command(long heapBytes, String javaOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Environment.JAVA_HOME.$$() + "/bin/java");
    cmd.add("-server");
    cmd.add("-Xmx" + mbUp(heapBytes) + "m");
    cmd.addAll(ContainerResources.baseJvmOptions());
    // Fail-stop: after an OutOfMemoryError the driver's state is unknown; YARN then starts the
    // next attempt (weft.yarn.maxAppAttempts) or fails the application with the exit code.
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    // No -Djava.security.manager=allow: Java 24 and later refuse to start with it (JEP 486); the
    // AM traps a user's System.exit without a security manager on Java 21+ (see ExitTrap).
    for (String option : ShellWords.split(javaOptions)) {
      cmd.add(ShellWords.quote(option));
    }
    cmd.add(AmLaunch.MAIN_CLASS);
    cmd.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
    cmd.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    return List.of(String.join(" ", cmd));
  }

  static ByteBuffer tokens(Credentials credentials) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    credentials.writeTokenStorageToStream(out);
    return ByteBuffer.wrap(out.getData(), 0, out.getLength());
  }

  private static long mbUp(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
