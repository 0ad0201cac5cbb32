package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --principal}, {@code --keytab} and Hadoop's security settings, checked before login. */
public class SecureSubmitTest {
  @ClassRule public static final TemporaryFolder FIXTURES = new TemporaryFolder();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String appJar;

  @BeforeClass
  public static void buildJar() throws IOException {
    Path dir = FIXTURES.getRoot().toPath();
    appJar =
        FixtureJars.compile(
                dir,
                Map.of(
                    "fixture.Noop",
                    "package fixture; public class Noop { public static void main(String[] a) {}"
                        + " }"))
            .jar(dir.resolve("app.jar"), "fixture", null)
            .toString();
  }

  @After
  public void resetHadoopSecurity() {
    UserGroupInformation.reset();
  }

  @Test
  public void aPrincipalWithoutAKeytabIsRefused() throws IOException {
    Result r = submit(confDir("simple"), "--principal", "alice@EXAMPLE.COM");

    assertEquals(2, r.code);
    assertEquals("--principal alice@EXAMPLE.COM needs --keytab: the file of its keys", r.err);
  }

  @Test
  public void aKeytabWithoutAPrincipalIsRefused() throws IOException {
    Result r = submit(confDir("simple"), "--keytab", "/etc/alice.keytab");

    assertEquals(2, r.code);
    assertEquals(
        "--keytab /etc/alice.keytab needs --principal: the principal whose keys it holds", r.err);
  }

  @Test
  public void aPrincipalOnAClusterWithoutKerberosIsRefusedNamingTheSetting() throws IOException {
    Path keytab = Files.createFile(tmp.getRoot().toPath().resolve("alice.keytab"));

    Result r =
        submit(
            confDir("simple"), "--principal", "alice@EXAMPLE.COM", "--keytab", keytab.toString());

    assertEquals(2, r.code);
    assertEquals(
        "--principal alice@EXAMPLE.COM needs a Kerberos cluster, but"
            + " hadoop.security.authentication is 'simple' in the cluster's configuration"
            + " (HADOOP_CONF_DIR)",
        r.err);
  }

  /** The bug of issue 14: Hadoop's security stayed SIMPLE whatever HADOOP_CONF_DIR said. */
  @Test
  public void theClusterConfigurationTurnsOnKerberosBeforeTheFirstCall() throws IOException {
    Path missing = tmp.getRoot().toPath().resolve("missing.keytab");

    Result r =
        submit(
            confDir("kerberos"),
            "--principal",
            "alice@EXAMPLE.COM",
            "--keytab",
            missing.toString());

    assertEquals(2, r.code);
    assertEquals("Keytab " + missing + " (--keytab) is not a readable file", r.err);
    assertTrue(UserGroupInformation.isSecurityEnabled());
  }

  @Test
  public void verboseAddsTheStackOfTheFailureBehindTheOneLine() throws IOException {
    Path hadoop = confDir("simple");
    Files.writeString(
        hadoop.resolve("yarn-site.xml"),
        "<configuration><property><name>yarn.resourcemanager.address</name><value>localhost:1"
            + "</value></property></configuration>");

    Result r =
        submit(
            hadoop,
            "--verbose",
            "--conf",
            "yarn.resourcemanager.connect.max-wait.ms=300",
            "--conf",
            "yarn.resourcemanager.connect.retry-interval.ms=100");

    assertEquals(2, r.code);
    assertTrue(r.err, r.err.contains("Cannot reach the YARN ResourceManager at localhost:1"));
    assertTrue(r.err, r.err.contains("\tat org.apache.hadoop"));
    assertFalse(r.err, r.err.startsWith("\tat"));
  }

  private Path confDir(String authentication) throws IOException {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("core-site.xml"),
        "<configuration><property><name>fs.defaultFS</name><value>file:///</value></property>"
            + "<property><name>hadoop.security.authentication</name><value>"
            + authentication
            + "</value></property></configuration>");
    return dir;
  }

  private static Result submit(Path hadoopConfDir, String... options) {
    List<String> args = new ArrayList<>(List.of("--master", "yarn", "--class", "fixture.Noop"));
    args.addAll(List.of(options));
    args.add(appJar);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new YarnSubmit(null, Map.of("HADOOP_CONF_DIR", hadoopConfDir.toString()))
            .execute(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, err.toString(StandardCharsets.UTF_8).strip());
  }

  private record Result(int code, String err) {}
}
