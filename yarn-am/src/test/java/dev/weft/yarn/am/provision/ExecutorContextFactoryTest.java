package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.auth.ShuffleServiceData;
import dev.weft.core.config.WeftConfig;
import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.yarn.am.LaunchSpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.junit.Test;

public class ExecutorContextFactoryTest {
  private static final byte[] SECRET = {1, 2, 3, 4};
  private static final String STAGING = "hdfs://nn:8020/user/u/.weft/staging/application_1_0001";
  private static final LaunchSpec SPEC =
      new LaunchSpec(
          "com.acme.Main",
          List.of(),
          STAGING,
          List.of(
              new LaunchSpec.Resource(
                  LaunchSpec.CONF_DIR, STAGING + "/conf.zip", 10, 1, true, false),
              new LaunchSpec.Resource(LaunchSpec.APP_JAR, STAGING + "/app.jar", 20, 2, false, true),
              new LaunchSpec.Resource(
                  "weft-core.jar",
                  "hdfs://nn:8020/user/u/.weft/cache/ab/weft-core.jar",
                  30,
                  3,
                  false,
                  true)));
  private static final ExecutorLaunch LAUNCH =
      new ExecutorLaunch(new DriverAddress("am", 4000, "application_1_0001"), "7", "n1", null, 2);

  private static ExecutorContextFactory factory(Credentials credentials, String javaOptions) {
    return factory(credentials, javaOptions, false);
  }

  private static ExecutorContextFactory factory(
      Credentials credentials, String javaOptions, boolean shuffleEncryption) {
    return new ExecutorContextFactory(
        SPEC,
        ContainerSizing.of(WeftConfig.of(Map.of("weft.executor.memory", "2g"))),
        javaOptions,
        "{{JAVA_HOME}}/bin/java",
        Map.of("HADOOP_USER_NAME", "u"),
        credentials,
        SECRET,
        shuffleEncryption);
  }

  @Test
  public void commandRunsExecutorMainWithBoundedMemoryAndRedirectedLogs() {
    String cmd =
        String.join(" ", factory(new Credentials(), "-XX:+UseG1GC -Dx='a b'").command(LAUNCH));
    assertEquals(
        "{{JAVA_HOME}}/bin/java -server -Xmx2048m -XX:MaxDirectMemorySize=192m"
            + " -Djava.io.tmpdir={{PWD}}/tmp -Dlog4j2.configurationFile={{PWD}}/__weft_conf__/log4j2.xml"
            + " -XX:+UseG1GC '-Dx=a b' dev.weft.executor.ExecutorMain --driver am:4000 --app-id"
            + " application_1_0001 --executor-id 7 --host n1 --cores 2"
            + " 1><LOG_DIR>/stdout 2><LOG_DIR>/stderr",
        cmd);
  }

  @Test
  public void refusesHeapOptionsInExtraJavaOptions() {
    try {
      factory(new Credentials(), "-Xmx4g");
      fail();
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("weft.executor.memory"));
    }
  }

  @Test
  public void launchContextCarriesResourcesClasspathAndShuffleSecret() {
    ContainerLaunchContext ctx = factory(new Credentials(), null).create(LAUNCH);
    Map<String, LocalResource> res = ctx.getLocalResources();
    assertEquals(LocalResourceType.ARCHIVE, res.get(LaunchSpec.CONF_DIR).getType());
    assertEquals(LocalResourceVisibility.APPLICATION, res.get(LaunchSpec.APP_JAR).getVisibility());
    assertEquals(LocalResourceVisibility.PRIVATE, res.get("weft-core.jar").getVisibility());
    assertEquals(20, res.get(LaunchSpec.APP_JAR).getSize());
    assertEquals(
        "/user/u/.weft/staging/application_1_0001/app.jar",
        res.get(LaunchSpec.APP_JAR).getResource().getFile());
    assertEquals(
        "{{PWD}}/__weft_conf__<CPS>{{PWD}}/__app__.jar<CPS>{{PWD}}/weft-core.jar",
        ctx.getEnvironment().get("CLASSPATH"));
    assertEquals("u", ctx.getEnvironment().get("HADOOP_USER_NAME"));
    ByteBuffer data = ctx.getServiceData().get(ExecutorContextFactory.SHUFFLE_SERVICE);
    byte[] secret = new byte[data.remaining()];
    data.get(secret);
    assertArrayEquals(SECRET, secret);
  }

  @Test
  public void withShuffleEncryptionTheServiceDataRequiresIt() {
    ContainerLaunchContext ctx = factory(new Credentials(), null, true).create(LAUNCH);
    ShuffleServiceData data =
        ShuffleServiceData.decode(ctx.getServiceData().get(ExecutorContextFactory.SHUFFLE_SERVICE));
    assertArrayEquals(SECRET, data.secret());
    assertTrue(data.encryptionRequired());
  }

  @Test
  public void tokensDropTheAmrmTokenAndAddTheSecret() throws Exception {
    Credentials am = new Credentials();
    am.addToken(
        new Text("amrm"),
        new Token<>(new byte[0], new byte[0], AMRMTokenIdentifier.KIND_NAME, new Text("rm")));
    am.addToken(
        new Text("hdfs"),
        new Token<>(new byte[0], new byte[0], new Text("HDFS_DELEGATION_TOKEN"), new Text("nn")));
    ContainerLaunchContext ctx = factory(am, null).create(LAUNCH);
    ByteBuffer tokens = ctx.getTokens();
    byte[] bytes = new byte[tokens.remaining()];
    tokens.get(bytes);
    Credentials executor = new Credentials();
    executor.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(bytes)));
    assertEquals(1, executor.getAllTokens().size());
    assertEquals(
        new Text("HDFS_DELEGATION_TOKEN"), executor.getAllTokens().iterator().next().getKind());
    assertArrayEquals(SECRET, executor.getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS)));
    assertNull(executor.getToken(new Text("rm")));
  }

  @Test
  public void javaComesFromTheContainersJavaHomeWhenTheNodeManagerSetsIt() {
    assertEquals("{{JAVA_HOME}}/bin/java", ExecutorContextFactory.javaCommand(true, "/opt/jdk"));
    assertEquals("/opt/jdk/bin/java", ExecutorContextFactory.javaCommand(false, "/opt/jdk"));
  }

  @Test
  public void executorsLaunchedAfterAnUpdateGetTheFreshTokensInPlaceOfTheOld() throws Exception {
    Credentials am = new Credentials();
    am.addToken(new Text("nn:8020"), hdfsToken("old"));
    ExecutorContextFactory f = factory(am, null);
    Credentials fresh = new Credentials();
    fresh.addToken(new Text("nn:8020"), hdfsToken("new"));
    fresh.addToken(
        new Text("rm"),
        new Token<>(new byte[] {5}, new byte[] {6}, AMRMTokenIdentifier.KIND_NAME, new Text("rm")));

    f.updateCredentials(fresh);

    Credentials launched = new Credentials();
    ByteBuffer tokens = f.create(LAUNCH).getTokens();
    byte[] bytes = new byte[tokens.remaining()];
    tokens.get(bytes);
    launched.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(bytes)));
    assertArrayEquals(
        "new".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        launched.getToken(new Text("nn:8020")).getPassword());
    assertNull(launched.getToken(new Text("rm")));
    assertArrayEquals(SECRET, launched.getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS)));
  }

  private static Token<?> hdfsToken(String password) {
    return new Token<>(
        new byte[] {1},
        password.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new Text("HDFS_DELEGATION_TOKEN"),
        new Text("nn:8020"));
  }
}
