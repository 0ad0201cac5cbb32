package dev.weft.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The scheduler-scale benchmark: {@code dev.weft.bench.weft.SchedulerScale} on the Weft runner's
 * classpath, which prints {@code BENCH-SCHEDULER tasks=<n> executors=<n> millis=<n>
 * launchesPerSecond=<n> driverHeapMb=<n>}.
 */
public final class SchedulerScaleRun {
  /** The benchmark's main class. */
  public static final String MAIN = "dev.weft.bench.weft.SchedulerScale";

  /** The first word of its result line. */
  public static final String PREFIX = "BENCH-SCHEDULER";

  /**
   * One run.
   *
   * @param tasks tasks launched
   * @param executors simulated executors
   * @param launchesPerSecond task launches per second
   * @param driverHeapMb the driver's heap used
   * @param failure why it failed, or null
   */
  public record Outcome(
      long tasks, long executors, double launchesPerSecond, double driverHeapMb, String failure) {}

  private final JvmCommand jvm;
  private final Path scratch;
  private final FailureLogs logs;
  private final Duration timeout;

  /** Runs on {@code jvm}, the Weft runner module's JVM command. */
  public SchedulerScaleRun(JvmCommand jvm, Path scratch, FailureLogs logs, Duration timeout) {
    this.jvm = jvm;
    this.scratch = scratch;
    this.logs = logs;
    this.timeout = timeout;
  }

  /** Why it cannot run, or null. */
  public String unavailableReason() {
    return jvm.unavailableReason(MAIN);
  }

  /** Runs it once; {@code label} names its log file if it fails. */
  public Outcome run(String label) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    List<String> command = jvm.command(MAIN, List.of());
    Path stderr = scratch.resolve(label + ".stderr");
    ProcessRun run = ProcessRun.run(command, scratch, Map.of(), stderr, timeout);
    try {
      String failure = null;
      Map<String, String> fields = ResultLine.find(run.stdout(), PREFIX);
      if (run.exitCode() != 0) {
        failure = "exit code " + run.exitCode();
      } else if (fields == null) {
        failure = "no " + PREFIX + " line on stdout";
      } else {
        try {
          return parse(fields);
        } catch (IllegalArgumentException e) {
          failure = e.getMessage();
        }
      }
      Path log = logs.keep(label, command, run, failure);
      return new Outcome(0, 0, 0, 0, failure + " (log: " + log + ")");
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  static Outcome parse(Map<String, String> fields) {
    return new Outcome(
        ResultLine.number(fields, "tasks"),
        ResultLine.number(fields, "executors"),
        decimal(fields, "launchesPerSecond"),
        decimal(fields, "driverHeapMb"),
        null);
  }

  private static double decimal(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException(PREFIX + " line has no " + key + "=");
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PREFIX + " line has " + key + "=" + value + ", expected a number");
    }
  }
}
