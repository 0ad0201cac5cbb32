package dev.weft.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded-YARN latency of a trivial job: {@code bin/yarn-submit --master embedded --class
 * dev.weft.bench.weft.TrivialJob <weft runner jar>}, timed from the line where yarn-submit reports
 * the submitted application ({@code Submitted application_...}) to the line reporting its final
 * state ({@code application_... is FINISHED (SUCCEEDED)}), and as a whole process.
 */
public final class YarnLatency {
  /** The job run through yarn-submit. */
  public static final String TRIVIAL_JOB = "dev.weft.bench.weft.TrivialJob";

  static final Pattern SUBMITTED = Pattern.compile("^Submitted (application_\\d+_\\d+)\\b.*");
  static final Pattern SUCCEEDED =
      Pattern.compile("^(application_\\d+_\\d+) is FINISHED \\(SUCCEEDED\\).*");

  /**
   * One submission.
   *
   * @param submitToSucceededMillis submitted to SUCCEEDED, -1 when failed
   * @param processMillis the whole yarn-submit process
   * @param failure why it failed, or null
   */
  public record Outcome(long submitToSucceededMillis, long processMillis, String failure) {}

  private final Path repo;
  private final Path weftJar;
  private final Path scratch;
  private final FailureLogs logs;
  private final Duration timeout;

  /** Submits from the checkout at {@code repo} the trivial job of {@code weftJar}. */
  public YarnLatency(Path repo, Path weftJar, Path scratch, FailureLogs logs, Duration timeout) {
    this.repo = repo;
    this.weftJar = weftJar;
    this.scratch = scratch;
    this.logs = logs;
    this.timeout = timeout;
  }

  /** Why it cannot run, or null. */
  public String unavailableReason() {
    if (!Files.isExecutable(repo.resolve("bin/yarn-submit"))) {
      return repo.resolve("bin/yarn-submit") + " is missing";
    }
    return Files.isRegularFile(weftJar) ? null : weftJar + " is not built";
  }

  /** Runs one submission; {@code label} names its log file if it fails. */
  public Outcome run(String label) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    List<String> command =
        List.of(
            repo.resolve("bin/yarn-submit").toString(),
            "--master",
            "embedded",
            "--class",
            TRIVIAL_JOB,
            weftJar.toString());
    Path stderr = scratch.resolve(label + ".stderr");
    ProcessRun run =
        ProcessRun.run(command, repo, Map.of("JAVA_HOME", javaHome()), stderr, timeout);
    try {
      Outcome outcome = measure(run.stdout(), run.millis());
      String failure = outcome.failure();
      if (failure == null && run.exitCode() != 0) {
        failure = "yarn-submit exit code " + run.exitCode();
      }
      if (failure != null) {
        Path log = logs.keep(label, command, run, failure);
        return new Outcome(-1, run.millis(), failure + " (log: " + log + ")");
      }
      return outcome;
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  /** Reads the submitted and SUCCEEDED lines' times from yarn-submit's stdout. */
  static Outcome measure(List<ProcessRun.Line> stdout, long processMillis) {
    Long submitted = null;
    String appId = null;
    for (ProcessRun.Line line : stdout) {
      Matcher m = SUBMITTED.matcher(line.text());
      if (appId == null && m.matches()) {
        appId = m.group(1);
        submitted = line.nanos();
        continue;
      }
      Matcher s = SUCCEEDED.matcher(line.text());
      if (appId != null && s.matches() && s.group(1).equals(appId)) {
        return new Outcome((line.nanos() - submitted) / 1_000_000, processMillis, null);
      }
    }
    return new Outcome(
        -1,
        processMillis,
        appId == null
            ? "yarn-submit printed no 'Submitted application_...' line"
            : appId + " did not reach FINISHED (SUCCEEDED)");
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }
}
