package dev.weft.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The README's quick start, as a user runs it: {@code bin/yarn-submit --master local[2] --class
 * dev.weft.examples.WordCount examples/target/weft-examples.jar <input> <output>} in a separate
 * process from the repository root, on a small text whose word counts are known.
 */
public class LocalSubmitIT {
  private static final long TIMEOUT_SECONDS = 180;

  /** Mixed case and punctuation; words are lower-cased and split at anything but letters. */
  private static final String TEXT =
      """
      The weft runs on YARN. The weft reads data;
      the engine, the WEFT: yarn, yarn! data -- batch
      The Weft engine reads yarn data.
      """;

  private static final List<String> EXPECTED =
      List.of(
          "the\t5",
          "weft\t4",
          "yarn\t4",
          "data\t3",
          "engine\t2",
          "reads\t2",
          "batch\t1",
          "runs\t1",
          "on\t1");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path repoRoot;
  private Process process;

  @Before
  public void findRepository() {
    repoRoot = Path.of(System.getProperty("weftRepoRoot", "..")).toAbsolutePath().normalize();
    assumeTrue(
        "bin/yarn-submit runs the jars under target/; this build writes to "
            + System.getProperty("weftBuildDir"),
        "target".equals(System.getProperty("weftBuildDir", "target")));
    for (String built : List.of("examples/target/weft-examples.jar", "yarn-client/target/lib")) {
      assertTrue(
          repoRoot.resolve(built) + " is missing: run mvn verify (or mvn install) from " + repoRoot,
          Files.exists(repoRoot.resolve(built)));
    }
  }

  @After
  public void stopProcess() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  public void wordCountOnTwoLocalThreadsWritesCountsMostFrequentFirst() throws Exception {
    Path input = tmp.newFile("words.txt").toPath();
    Files.writeString(input, TEXT, StandardCharsets.UTF_8);
    Path output = tmp.getRoot().toPath().resolve("counts");
    Path log = tmp.getRoot().toPath().resolve("yarn-submit.log");

    int exitCode =
        runYarnSubmit(
            log,
            "--master",
            "local[2]",
            "--class",
            "dev.weft.examples.WordCount",
            "examples/target/weft-examples.jar",
            input.toString(),
            output.toString());

    String console = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals("exit code of yarn-submit; its output:\n" + console, 0, exitCode);
    assertTrue(
        "_SUCCESS in " + output + "; output:\n" + console,
        Files.exists(output.resolve("_SUCCESS")));
    assertEquals(sortedByCountThenWord(EXPECTED), sortedByCountThenWord(readParts(output)));
    assertCountsNeverIncrease(readParts(output));
  }

  @Test
  public void theReadmeQuickStartRunsWordCountOnTheEmbeddedYarnMasterByDefault() throws Exception {
    Path input = tmp.newFile("words.txt").toPath();
    Files.writeString(input, TEXT, StandardCharsets.UTF_8);
    Path output = tmp.getRoot().toPath().resolve("counts");
    Path log = tmp.getRoot().toPath().resolve("embedded.log");

    // No --master and no HADOOP_CONF_DIR: the embedded YARN + HDFS, as on a newcomer's machine.
    try (dev.weft.it.yarn.YarnSubmitProcess p =
        dev.weft.it.yarn.YarnSubmitProcess.run(
            null,
            log,
            TIMEOUT_SECONDS,
            List.of(
                "--class",
                "dev.weft.examples.WordCount",
                "examples/target/weft-examples.jar",
                input.toString(),
                output.toString()))) {
      String console = p.output();
      assertEquals("exit code of yarn-submit; its output:\n" + console, 0, p.exitCode());
      assertTrue("ran on YARN:\n" + console, console.contains("application_"));
      assertTrue("finished:\n" + console, console.contains("SUCCEEDED"));
    }
    assertEquals(sortedByCountThenWord(EXPECTED), sortedByCountThenWord(readParts(output)));
  }

  private int runYarnSubmit(Path log, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repoRoot.resolve("bin/yarn-submit").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(repoRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    process = pb.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      stopProcess();
      fail(
          "yarn-submit did not finish within "
              + TIMEOUT_SECONDS
              + "s; its output:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    return process.exitValue();
  }

  /** The lines of the part files, in part order. */
  private static List<String> readParts(Path output) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(output)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertTrue("part files in " + output, !parts.isEmpty());
    List<String> lines = new ArrayList<>();
    for (Path part : parts) {
      lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static void assertCountsNeverIncrease(List<String> lines) {
    long previous = Long.MAX_VALUE;
    for (String line : lines) {
      long count = Long.parseLong(line.substring(line.indexOf('\t') + 1));
      assertTrue(
          "most frequent first, but " + line + " follows a count of " + previous,
          count <= previous);
      previous = count;
    }
  }

  /** Lines ordered by count (descending), ties by word, to compare without tie order. */
  private static List<String> sortedByCountThenWord(List<String> lines) {
    List<String> sorted = new ArrayList<>(lines);
    sorted.sort(
        (a, b) -> {
          long ca = Long.parseLong(a.substring(a.indexOf('\t') + 1));
          long cb = Long.parseLong(b.substring(b.indexOf('\t') + 1));
          return ca != cb ? Long.compare(cb, ca) : a.compareTo(b);
        });
    return sorted;
  }
}
