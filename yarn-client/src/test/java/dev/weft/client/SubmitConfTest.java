package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** How options, defaults and the environment become a submission's configuration. */
public class SubmitConfTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Path cwd = Path.of("/home/ann/work");

  @Test
  public void withoutHadoopConfigurationTheDefaultMasterIsEmbedded() throws Exception {
    assertEquals("embedded", resolve(Map.of()).master());
  }

  @Test
  public void hadoopConfDirNamingADirectoryMakesYarnTheDefault() throws Exception {
    String dir = tmp.newFolder("hadoop").toString();

    assertEquals("yarn", resolve(Map.of("HADOOP_CONF_DIR", dir)).master());
    assertEquals("yarn", resolve(Map.of("YARN_CONF_DIR", dir)).master());
  }

  @Test
  public void hadoopConfDirThatIsNoDirectoryLeavesEmbedded() throws Exception {
    String missing = tmp.getRoot().toPath().resolve("nope").toString();

    assertEquals("embedded", resolve(Map.of("HADOOP_CONF_DIR", missing)).master());
  }

  @Test
  public void anExplicitMasterWinsOverTheEnvironment() throws Exception {
    String dir = tmp.newFolder("hadoop").toString();

    assertEquals(
        "local[2]", resolve(Map.of("HADOOP_CONF_DIR", dir), "--master", "local[2]").master());
  }

  @Test
  public void yarnOptionsMapToTheirKeys() throws Exception {
    Map<String, String> e =
        resolve(
                Map.of(),
                "--master",
                "yarn",
                "--driver-memory",
                "2g",
                "--num-executors",
                "5",
                "--queue",
                "etl",
                "--tags",
                "a,b",
                "--priority",
                "3",
                "--max-app-attempts",
                "2")
            .entries();

    assertEquals("2g", e.get("weft.driver.memory"));
    assertEquals("5", e.get("weft.executor.instances"));
    assertEquals("etl", e.get("weft.yarn.queue"));
    assertEquals("a,b", e.get("weft.yarn.tags"));
    assertEquals("3", e.get("weft.yarn.priority"));
    assertEquals("2", e.get("weft.yarn.maxAppAttempts"));
  }

  @Test
  public void localMastersKeepDriverMemoryForTheLaunchersHeap() throws Exception {
    Map<String, String> e =
        resolve(Map.of(), "--master", "local[2]", "--driver-memory", "2g", "--queue", "etl")
            .entries();

    assertNull(e.get("weft.driver.memory"));
    assertNull(e.get("weft.yarn.queue"));
  }

  @Test
  public void embeddedJobsReadLocalPathsRelativeToTheLaunchersDirectory() throws Exception {
    SubmitConf conf = resolve(Map.of(), "--master", "embedded");

    assertEquals("file:///", conf.entries().get("weft.hadoop.fs.defaultFS"));
    assertEquals(
        "-XX:TieredStopAtLevel=1 -Duser.dir=/home/ann/work",
        conf.entries().get("weft.driver.extraJavaOptions"));
    assertEquals(
        "-XX:TieredStopAtLevel=1 -Duser.dir=/home/ann/work",
        conf.entries().get("weft.executor.extraJavaOptions"));
    assertFalse(
        "the client stages on the embedded HDFS",
        conf.clientHadoopEntries().containsKey("fs.defaultFS"));
  }

  @Test
  public void embeddedKeepsTheUsersFileSystemAndJavaOptions() throws Exception {
    SubmitConf conf =
        resolve(
            Map.of(),
            "--master",
            "embedded",
            "--conf",
            "fs.defaultFS=hdfs://nn:8020",
            "--conf",
            "weft.executor.extraJavaOptions=-XX:+UseG1GC");

    assertEquals("hdfs://nn:8020", conf.entries().get("weft.hadoop.fs.defaultFS"));
    assertEquals("hdfs://nn:8020", conf.clientHadoopEntries().get("fs.defaultFS"));
    assertEquals(
        "-XX:TieredStopAtLevel=1 -XX:+UseG1GC -Duser.dir=/home/ann/work",
        conf.entries().get("weft.executor.extraJavaOptions"));
  }

  @Test
  public void embeddedSizesSmallContainersOnlyWhenTheUserSizedNone() throws Exception {
    Map<String, String> small = resolve(Map.of(), "--master", "embedded").entries();
    Map<String, String> given =
        resolve(
                Map.of(),
                "--master",
                "embedded",
                "--executor-memory",
                "2g",
                "--driver-memory",
                "1g")
            .entries();

    assertEquals("384m", small.get("weft.driver.memory"));
    assertEquals("512m", small.get("weft.executor.memory"));
    assertEquals("256m", small.get("weft.executor.memoryOverhead"));
    assertEquals("2g", given.get("weft.executor.memory"));
    assertEquals("1g", given.get("weft.driver.memory"));
    assertNull("default overhead of a given heap", given.get("weft.executor.memoryOverhead"));
    assertNull(given.get("weft.driver.memoryOverhead"));
  }

  @Test
  public void aMalformedYarnOptionNamesTheOption() {
    try {
      resolve(Map.of(), "--master", "yarn", "--driver-memory", "lots");
      throw new AssertionError("accepted");
    } catch (SubmitException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("--driver-memory"));
      assertTrue(e.getMessage(), e.getMessage().contains("lots"));
    }
  }

  private SubmitConf resolve(Map<String, String> env, String... args) throws SubmitException {
    SubmitOptions options = new SubmitOptions();
    new CommandLine(options).parseArgs(args);
    return SubmitConf.resolve(options, null, env, cwd);
  }
}
