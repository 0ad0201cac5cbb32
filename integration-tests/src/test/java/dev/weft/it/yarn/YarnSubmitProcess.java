package dev.weft.it.yarn;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/yarn-submit} run as a user runs it: a separate process started in the repository root,
 * its output captured in a log file. {@link #close()} ends it and every process it started that is
 * still alive.
 */
public final class YarnSubmitProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private YarnSubmitProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The repository root (where {@code bin/yarn-submit} is), from Maven's {@code weftRepoRoot}. */
  public static Path repoRoot() {
    return Path.of(System.getProperty("weftRepoRoot", "..")).toAbsolutePath().normalize();
  }

  /** Whether the jars {@code bin/yarn-submit} runs are the ones this build made. */
  public static boolean runtimeBuiltHere() {
    return "target".equals(System.getProperty("weftBuildDir", "target"));
  }

  /** Fails with a hint when the runtime or the examples jar has not been built yet. */
  public static void assertRuntimeBuilt() {
    for (String built : List.of("examples/target/weft-examples.jar", "yarn-client/target/lib")) {
      assertTrue(
          repoRoot().resolve(built)
              + " is missing: run mvn verify (or mvn install) from "
              + repoRoot(),
          Files.exists(repoRoot().resolve(built)));
    }
  }

  /**
   * Starts {@code bin/yarn-submit args}.
   *
   * @param hadoopConfDir the cluster's configuration, or null for none (the embedded master)
   * @param log where its output goes
   */
  public static YarnSubmitProcess start(Path hadoopConfDir, Path log, List<String> args)
      throws IOException {
    return start(hadoopConfDir, log, args, Map.of());
  }

  /**
   * Starts {@code bin/yarn-submit args} with {@code env} added to its environment (e.g. {@code
   * WEFT_JAVA_OPTS}).
   */
  public static YarnSubmitProcess start(
      Path hadoopConfDir, Path log, List<String> args, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(repoRoot().resolve("bin/yarn-submit").toString());
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("YARN_CONF_DIR");
    if (hadoopConfDir == null) {
      pb.environment().remove("HADOOP_CONF_DIR");
    } else {
      pb.environment().put("HADOOP_CONF_DIR", hadoopConfDir.toString());
    }
    pb.environment().putAll(env);
    return new YarnSubmitProcess(pb.start(), log);
  }

  /** Runs {@code bin/yarn-submit args} to its end and returns it. */
  public static YarnSubmitProcess run(
      Path hadoopConfDir, Path log, long timeoutSeconds, List<String> args)
      throws IOException, InterruptedException {
    YarnSubmitProcess p = start(hadoopConfDir, log, args);
    p.await(timeoutSeconds);
    return p;
  }

  /** Waits for the end; fails with the output when it takes longer than {@code timeoutSeconds}. */
  public int await(long timeoutSeconds) throws IOException, InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      close();
      fail("yarn-submit did not finish within " + timeoutSeconds + "s; its output:\n" + output());
    }
    return process.exitValue();
  }

  public int exitCode() {
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything it printed so far. */
  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
