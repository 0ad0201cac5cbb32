package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A user's {@code System.exit} status reaches the ApplicationMaster's shutdown hook, in a JVM of
 * its own. The JVM is this build's; {@code -Dweft.test.java=/path/to/bin/java} runs the same check
 * on another (e.g. Java 25, which refuses security managers).
 */
public class ExitTrapTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aZeroAndANonZeroExitStatusReachTheShutdownHook() throws Exception {
    assertEquals("installed=true status=0", probe(0).stdout);
    assertEquals("installed=true status=3", probe(3).stdout);
  }

  @Test
  public void fromJava21OnTheTrapNeedsNoSecurityManagerAndPrintsNothing() throws Exception {
    Run run = probe(0);
    assumeTrue(
        "Java " + run.javaRelease + " traps with a security manager",
        run.javaRelease >= ExitTrap.LOGGED_EXIT_RELEASE);
    assertEquals("", run.stderr);
  }

  private record Run(String stdout, String stderr, int javaRelease) {}

  private Run probe(int exitStatus) throws Exception {
    String java =
        System.getProperty(
            "weft.test.java", System.getProperty("java.home") + File.separator + "bin/java");
    File out = tmp.newFile();
    File err = tmp.newFile();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ExitTrapProbe.class.getName(),
                    Integer.toString(exitStatus)))
            .redirectOutput(out)
            .redirectError(err)
            .start();
    try {
      assertTrue("the probe ended in time", p.waitFor(60, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    assertEquals(exitStatus, p.exitValue());
    Process v = new ProcessBuilder(java, "-XshowSettings:properties", "-version").start();
    String settings = new String(v.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    v.waitFor(60, TimeUnit.SECONDS);
    int release =
        Integer.parseInt(
            settings.replaceAll("(?s).*java\\.specification\\.version = (\\d+).*", "$1"));
    return new Run(
        Files.readString(out.toPath()).strip(), Files.readString(err.toPath()).strip(), release);
  }
}
