package dev.weft.it.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.weft.it.apps.TokenLifetimeJob;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code bin/yarn-submit --principal --keytab} on a Kerberized HDFS and YARN whose delegation
 * tokens live {@value #RENEW_SECONDS} s unless renewed and {@value #MAX_LIFETIME_SECONDS} s at
 * most: a job that runs longer than that reads and writes HDFS to its end only when the AM obtains
 * fresh tokens from the keytab and the executors get them; a keytab that does not log in is refused
 * in one line.
 */
public class SecureYarnIT {
  private static final int RENEW_SECONDS = 60;
  private static final int MAX_LIFETIME_SECONDS = 120;
  private static final long TIMEOUT_SECONDS = 900;

  private static KerberizedCluster cluster;
  private static Path appJar;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void startCluster() throws Exception {
    assumeTrue(
        "bin/yarn-submit runs the jars under target/; this build writes elsewhere",
        YarnSubmitProcess.runtimeBuiltHere());
    YarnSubmitProcess.assertRuntimeBuilt();
    cluster =
        KerberizedCluster.start(
            SecureYarnIT.class,
            Duration.ofSeconds(RENEW_SECONDS),
            Duration.ofSeconds(MAX_LIFETIME_SECONDS));
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("weftTestDir", "target")), "apps");
    appJar = AppJar.build(dir.resolve("secure-apps.jar"), TokenLifetimeJob.class);
  }

  @AfterClass
  public static void stopCluster() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      // Containers are this JVM's descendants: none may outlive the test.
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Also: its shuffle runs over encrypted connections to the NodeManagers' shuffle services. */
  @Test
  public void aJobSubmittedWithAKeytabReadsAndWritesHdfsPastTheTokensMaximumLifetime()
      throws Exception {
    FileSystem fs = cluster.fs();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add("line " + i + " of the secure input");
    }
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/secure/in.txt"))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    long slowSeconds = MAX_LIFETIME_SECONDS + 10;
    long start = System.nanoTime();
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.newFile().toPath(),
            args(
                List.of(
                    "--principal",
                    cluster.clientPrincipal(),
                    "--keytab",
                    cluster.clientKeytab().getPath(),
                    // On by default under Kerberos; explicit, as this test is about it too.
                    "--conf",
                    "weft.shuffle.encryption.enabled=true"),
                appJar.toString(),
                "/secure/in.txt",
                "/secure/out",
                Long.toString(slowSeconds)),
            launcherEnv())) {
      int code = p.await(TIMEOUT_SECONDS);
      assertEquals("exit code; output:\n" + p.output(), 0, code);
    }
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(
        "the job ran past the tokens' maximum lifetime: " + seconds + " s",
        seconds > MAX_LIFETIME_SECONDS);
    List<String> written = new ArrayList<>();
    for (FileStatus part : fs.listStatus(new org.apache.hadoop.fs.Path("/secure/out"))) {
      if (!part.getPath().getName().startsWith("part-")) {
        continue;
      }
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        in.lines().forEach(written::add);
      }
    }
    List<String> expected = new ArrayList<>();
    lines.forEach(l -> expected.add(l.toUpperCase(Locale.ROOT)));
    Collections.sort(expected);
    Collections.sort(written);
    assertEquals(expected, written);
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/secure/out/_SUCCESS")));
    assertEquals(
        "every block went through SASL data transfer",
        "authentication",
        cluster.hdfsConf().get(KerberizedCluster.DATA_TRANSFER_PROTECTION));
  }

  /**
   * {@code --proxy-user alice} with the superuser's keytab: YARN runs the application as alice and
   * its output is alice's; with view ACLs on, yarn-submit still reads the driver's totals.
   */
  @Test
  public void aSuperuserWithAKeytabSubmitsForAProxyUser() throws Exception {
    FileSystem fs = cluster.fs();
    org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/alice");
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/alice");
    for (org.apache.hadoop.fs.Path d :
        List.of(home, dir, new org.apache.hadoop.fs.Path(dir, "history"))) {
      fs.mkdirs(d);
      fs.setOwner(d, "alice", "alice");
    }
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir, "in.txt"))) {
      out.write("a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
    }
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.newFile().toPath(),
            args(
                List.of(
                    "--principal",
                    cluster.clientPrincipal(),
                    "--keytab",
                    cluster.clientKeytab().getPath(),
                    "--proxy-user",
                    "alice",
                    "--conf",
                    "weft.acls.enable=true",
                    // The mini cluster's containers run as the OS user, whose home alice cannot
                    // write (a real cluster's LinuxContainerExecutor runs them as alice).
                    "--conf",
                    "weft.eventLog.dir=/alice/history"),
                appJar.toString(),
                "/alice/in.txt",
                "/alice/out",
                "0"),
            launcherEnv())) {
      int code = p.await(TIMEOUT_SECONDS);
      assertEquals("exit code; output:\n" + p.output(), 0, code);
      assertFalse(
          "yarn-submit read the driver's status despite the view ACLs:\n" + p.output(),
          p.output().contains("reported no totals"));
    }
    List<String> users = new ArrayList<>();
    cluster
        .yarn()
        .cluster()
        .getResourceManager()
        .getRMContext()
        .getRMApps()
        .values()
        .forEach(a -> users.add(a.getUser()));
    assertTrue("the ResourceManager ran it as alice: " + users, users.contains("alice"));
    FileStatus[] parts = fs.listStatus(new org.apache.hadoop.fs.Path("/alice/out"));
    assertTrue(parts.length > 0);
    for (FileStatus part : parts) {
      assertEquals(part.getPath() + " is alice's", "alice", part.getOwner());
    }
  }

  @Test
  public void aKeytabWithoutThePrincipalsKeysIsRefusedInOneLine() throws Exception {
    File other = new File(tmp.getRoot(), "other.keytab");
    cluster.kdc().createPrincipal(other, "someone-else");
    assertOneLineLoginError(cluster.clientPrincipal(), other.getPath());
  }

  @Test
  public void aPrincipalTheKdcDoesNotKnowIsRefusedInOneLine() throws Exception {
    assertOneLineLoginError("nobody@" + cluster.kdc().getRealm(), cluster.clientKeytab().getPath());
  }

  private void assertOneLineLoginError(String principal, String keytab) throws Exception {
    List<String> options = List.of("--principal", principal, "--keytab", keytab);
    try (YarnSubmitProcess p =
        YarnSubmitProcess.start(
            cluster.confDir(),
            tmp.newFile().toPath(),
            args(options, appJar.toString(), "/in", "/out", "1"),
            launcherEnv())) {
      int code = p.await(120);
      String out = p.output().strip();
      assertEquals("exit code; output:\n" + out, 2, code);
      assertFalse("one line:\n" + out, out.contains("\n"));
      assertTrue(
          "names the principal and keytab: " + out,
          out.startsWith(
              "Kerberos login of " + principal + " from keytab " + keytab + " failed: "));
    }
  }

  /** The launcher JVM finds the KDC through its krb5.conf. */
  private static Map<String, String> launcherEnv() {
    return Map.of("WEFT_JAVA_OPTS", krb5Option());
  }

  private static String krb5Option() {
    return "-Djava.security.krb5.conf=" + cluster.krb5Conf().getAbsolutePath();
  }

  private static List<String> args(List<String> options, String jar, String... appArgs) {
    List<String> all = new ArrayList<>(List.of("--master", "yarn"));
    all.addAll(YarnTestCluster.smallContainers());
    // The AM logs in from the keytab, and every container reads Hadoop's Kerberos settings.
    all.addAll(List.of("--conf", "weft.driver.extraJavaOptions=" + krb5Option()));
    all.addAll(List.of("--conf", "weft.executor.extraJavaOptions=" + krb5Option()));
    all.addAll(List.of("--progress", "none", "--class", TokenLifetimeJob.class.getName()));
    // Start tasks on the first executor rather than wait up to a minute for the second.
    all.addAll(List.of("--conf", "weft.scheduler.minRegisteredExecutorsRatio=0.5"));
    all.addAll(options);
    all.add(jar);
    all.addAll(List.of(appArgs));
    return all;
  }
}
