package dev.weft.yarn.am.provision;

import dev.weft.auth.ShuffleServiceData;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.yarn.am.ContainerResources;
import dev.weft.yarn.am.LaunchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;

/**
 * Builds executor containers' launch contexts: the application's local resources, a classpath of
 * the configuration directory and the runtime jars, the {@code ExecutorMain} command, the AM's
 * credentials without its AMRM token plus the application secret, and the secret as service data
 * for the shuffle service (with the flag that makes the service refuse unencrypted connections when
 * {@code weft.shuffle.encryption.enabled}, see {@link ShuffleServiceData}).
 */
public final class ExecutorContextFactory {

  /** The name of the YARN auxiliary shuffle service. */
  public static final String SHUFFLE_SERVICE = "weft_shuffle";

  private final LaunchSpec spec;
  private final ContainerSizing sizing;
  private final List<String> extraJavaOptions;
  private final String javaCommand;
  private final Map<String, String> extraEnv;
  private final Credentials credentials;
  private volatile byte[] tokens;
  private final byte[] secret;
  private final boolean shuffleEncryption;

  /**
   * @param spec the application's launch spec
   * @param sizing the executors' memory
   * @param extraJavaOptions {@code weft.executor.extraJavaOptions}, or null
   * @param javaCommand the java binary, usually {@link #javaCommand(boolean, String)}
   * @param extraEnv more environment variables (e.g. {@code HADOOP_USER_NAME})
   * @param credentials the AM's credentials
   * @param secret the application's secret
   * @param shuffleEncryption whether the shuffle service must refuse the application's unencrypted
   *     connections ({@code weft.shuffle.encryption.enabled} as resolved)
   */
  public ExecutorContextFactory(
      LaunchSpec spec,
      ContainerSizing sizing,
      String extraJavaOptions,
      String javaCommand,
      Map<String, String> extraEnv,
      Credentials credentials,
      byte[] secret,
      boolean shuffleEncryption) {
    this.spec = spec;
    this.shuffleEncryption = shuffleEncryption;
    this.sizing = sizing;
    this.extraJavaOptions = ShellWords.split(extraJavaOptions);
    for (String o : this.extraJavaOptions) {
      if (o.startsWith("-Xmx") || o.startsWith("-XX:MaxDirectMemorySize")) {
        throw new IllegalArgumentException(
            "weft.executor.extraJavaOptions sets '"
                + o
                + "': set the heap with weft.executor.memory and the rest with"
                + " weft.executor.memoryOverhead");
      }
    }
    this.javaCommand = javaCommand;
    this.extraEnv = Map.copyOf(extraEnv);
    this.secret = secret.clone();
    this.credentials = executorCredentials(credentials, secret);
    this.tokens = serialize(this.credentials);
  }

  /**
   * Gives executors launched from now on {@code fresh} delegation tokens too, replacing those of
   * the same services (a secure cluster's AM re-obtains tokens before the old ones expire).
   */
  public synchronized void updateCredentials(Credentials fresh) {
    for (Token<?> t : fresh.getAllTokens()) {
      if (!AMRMTokenIdentifier.KIND_NAME.equals(t.getKind())) {
        credentials.addToken(t.getService(), t);
      }
    }
    tokens = serialize(credentials);
  }

  /**
   * The java binary of containers: {@code {{JAVA_HOME}}/bin/java} when the NodeManager gives
   * containers a {@code JAVA_HOME} (the AM's own environment tells), else the AM's own {@code
   * java.home} (mini clusters whose NodeManagers have no {@code JAVA_HOME}).
   */
  public static String javaCommand(boolean containerHasJavaHome, String amJavaHome) {
    return containerHasJavaHome
        ? Environment.JAVA_HOME.$$() + "/bin/java"
        : amJavaHome + "/bin/java";
  }

  /** The launch context of one executor. */
  public ContainerLaunchContext create(ExecutorLaunch launch) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put(Environment.CLASSPATH.name(), ContainerResources.classpath(spec));
    return ContainerLaunchContext.newInstance(
        ContainerResources.localResources(spec),
        env,
        List.of(String.join(" ", command(launch))),
        Map.of(SHUFFLE_SERVICE, shuffleServiceData(secret, shuffleEncryption)),
        ByteBuffer.wrap(tokens.clone()),
        null);
  }

  /**
   * What a container gives the shuffle service: the bare secret, as services before encryption
   * understand it, or with encryption the secret and the flag that requires it.
   */
  public static ByteBuffer shuffleServiceData(byte[] secret, boolean encryptionRequired) {
    return ByteBuffer.wrap(
        encryptionRequired ? new ShuffleServiceData(secret, true).encode() : secret.clone());
  }

  /** The command's words, each ready for the container's shell. */
  public List<String> command(ExecutorLaunch launch) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand);
    cmd.add("-server");
    cmd.addAll(sizing.jvmMemoryOptions());
    cmd.addAll(ContainerResources.baseJvmOptions());
    for (String o : extraJavaOptions) {
      cmd.add(ShellWords.quote(o));
    }
    cmd.add(ExecutorLaunch.MAIN_CLASS);
    for (String a : launch.arguments()) {
      cmd.add(ShellWords.quote(a));
    }
    cmd.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
    cmd.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    return cmd;
  }

  /** The AM's tokens and secret keys without the AMRM token, plus the application secret. */
  static Credentials executorCredentials(Credentials am, byte[] secret) {
    Credentials out = new Credentials();
    for (Token<?> t : am.getAllTokens()) {
      if (!AMRMTokenIdentifier.KIND_NAME.equals(t.getKind())) {
        out.addToken(t.getService(), t);
      }
    }
    for (Map.Entry<Text, byte[]> e : am.getSecretKeyMap().entrySet()) {
      out.addSecretKey(e.getKey(), e.getValue());
    }
    out.addSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS), secret);
    return out;
  }

  private static byte[] serialize(Credentials credentials) {
    try (DataOutputBuffer buf = new DataOutputBuffer()) {
      credentials.writeTokenStorageToStream(buf);
      return java.util.Arrays.copyOf(buf.getData(), buf.getLength());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialize the executors' credentials", e);
    }
  }
}
