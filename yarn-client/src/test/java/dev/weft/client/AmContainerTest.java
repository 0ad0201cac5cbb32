package dev.weft.client;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.yarn.am.LaunchSpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.Test;

/** The ApplicationMaster's container as {@link AmContainer} builds it. */
public class AmContainerTest {
  private static final String STAGING = "hdfs://nn:8020/user/ann/.weft/staging/application_1_0001";
  private static final byte[] SECRET = new byte[32];

  static {
    SECRET[0] = 7;
    SECRET[31] = 9;
  }

  private final LaunchSpec launch =
      new LaunchSpec(
          "com.acme.Etl",
          List.of("in", "out"),
          STAGING,
          List.of(
              new LaunchSpec.Resource(
                  "__weft_conf__", STAGING + "/__weft_conf__.zip", 1000, 5000, true, false),
              new LaunchSpec.Resource("__app__.jar", STAGING + "/__app__.jar", 10, 20, false, true),
              new LaunchSpec.Resource(
                  "weft-core.jar",
                  "hdfs://nn:8020/user/ann/.weft/cache/ab12/weft-core.jar",
                  30,
                  40,
                  false,
                  true)));

  private AmContainer.Spec spec(long heap, Long overhead, String javaOptions) {
    return new AmContainer.Spec(
        launch, heap, overhead, 2, javaOptions, SECRET, new Credentials(), null, false);
  }

  @Test
  public void resourcesAreTheLaunchSpecsWithCacheJarsPrivate() throws Exception {
    ContainerLaunchContext ctx = AmContainer.context(spec(1L << 30, null, null));

    LocalResource conf = ctx.getLocalResources().get("__weft_conf__");
    assertEquals(LocalResourceType.ARCHIVE, conf.getType());
    assertEquals(LocalResourceVisibility.APPLICATION, conf.getVisibility());
    assertEquals(1000, conf.getSize());
    assertEquals(5000, conf.getTimestamp());
    assertEquals(LocalResourceType.FILE, ctx.getLocalResources().get("__app__.jar").getType());
    assertEquals(
        LocalResourceVisibility.PRIVATE,
        ctx.getLocalResources().get("weft-core.jar").getVisibility());
    assertEquals(3, ctx.getLocalResources().size());
  }

  @Test
  public void theKeytabIsALocalResourceOfTheApplicationOffTheClasspath() throws Exception {
    LaunchSpec.Resource keytab =
        new LaunchSpec.Resource(
            LaunchSpec.KEYTAB, STAGING + "/" + LaunchSpec.KEYTAB, 90, 60, false, false);
    ContainerLaunchContext ctx =
        AmContainer.context(
            new AmContainer.Spec(
                launch, 1L << 30, null, 1, null, SECRET, new Credentials(), keytab, false));

    LocalResource r = ctx.getLocalResources().get(LaunchSpec.KEYTAB);
    assertEquals(LocalResourceType.FILE, r.getType());
    assertEquals(LocalResourceVisibility.APPLICATION, r.getVisibility());
    assertEquals(90, r.getSize());
    assertEquals(4, ctx.getLocalResources().size());
    assertTrue(
        ctx.getEnvironment().get("CLASSPATH"),
        !ctx.getEnvironment().get("CLASSPATH").contains(LaunchSpec.KEYTAB));
    // Executors are built from the launch spec, which does not hold the keytab.
    assertTrue(launch.resources().stream().noneMatch(x -> x.linkName().equals(LaunchSpec.KEYTAB)));
  }

  @Test
  public void classpathIsTheConfDirThenTheAppJarThenTheRuntime() throws Exception {
    ContainerLaunchContext ctx = AmContainer.context(spec(1L << 30, null, null));

    assertEquals(
        "{{PWD}}/__weft_conf__<CPS>{{PWD}}/__app__.jar<CPS>{{PWD}}/weft-core.jar",
        ctx.getEnvironment().get("CLASSPATH"));
  }

  @Test
  public void commandRunsTheAmWithTheDriversHeapAndOptions() throws Exception {
    ContainerLaunchContext ctx = AmContainer.context(spec(1L << 30, null, "-XX:+UseG1GC -Da=b"));

    assertEquals(
        List.of(
            "{{JAVA_HOME}}/bin/java -server -Xmx1024m -Djava.io.tmpdir={{PWD}}/tmp"
                + " -Dlog4j2.configurationFile={{PWD}}/__weft_conf__/log4j2.xml"
                + " -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Da=b"
                + " dev.weft.yarn.am.ApplicationMaster 1><LOG_DIR>/stdout 2><LOG_DIR>/stderr"),
        ctx.getCommands());
  }

  @Test
  public void containerMemoryIsHeapPlusTenPercentOverheadAtLeast384m() {
    Resource small = AmContainer.resource(spec(512L << 20, null, null));
    Resource large = AmContainer.resource(spec(8L << 30, null, null));
    Resource given = AmContainer.resource(spec(256L << 20, 128L << 20, null));

    assertEquals(512 + 384, small.getMemorySize());
    assertEquals(8192 + 819, large.getMemorySize() - 1);
    assertEquals(384, given.getMemorySize());
    assertEquals(2, given.getVirtualCores());
  }

  @Test
  public void theSecretIsInTheCredentialsAndTheShuffleServiceData() throws Exception {
    ContainerLaunchContext ctx = AmContainer.context(spec(1L << 30, null, null));

    ByteBuffer data = ctx.getServiceData().get("weft_shuffle");
    byte[] served = new byte[data.remaining()];
    data.duplicate().get(served);
    assertArrayEquals(SECRET, served);
    ByteBuffer tokens = ctx.getTokens();
    byte[] raw = new byte[tokens.remaining()];
    tokens.duplicate().get(raw);
    Credentials read = new Credentials();
    read.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(raw)));
    assertArrayEquals(SECRET, read.getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS)));
    assertTrue(ctx.getServiceData().size() == 1);
  }
}
