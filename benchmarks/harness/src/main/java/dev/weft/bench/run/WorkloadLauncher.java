package dev.weft.bench.run;

import dev.weft.bench.DataLayout;
import dev.weft.bench.Workload;
import dev.weft.bench.check.CheckFailure;
import dev.weft.bench.check.Checks;
import dev.weft.bench.check.OutputCheck;
import dev.weft.bench.gen.DataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one workload on one engine in a fresh JVM, per the runner contract, then checks and deletes
 * its output. The time is the runner's own, except for {@code trivial}: the whole process.
 */
public final class WorkloadLauncher {
  private final Path benchmarksDir;
  private final String heap;
  private final DataLayout data;
  private final Path scratch;
  private final FailureLogs logs;
  private final Duration timeout;

  /**
   * A launcher.
   *
   * @param benchmarksDir the {@code benchmarks/} directory holding the runner modules
   * @param heap {@code -Xmx} of every run
   * @param scratch where outputs and stderr files go while a run lasts
   */
  public WorkloadLauncher(
      Path benchmarksDir,
      String heap,
      DataLayout data,
      Path scratch,
      FailureLogs logs,
      Duration timeout) {
    this.benchmarksDir = benchmarksDir;
    this.heap = heap;
    this.data = data;
    this.scratch = scratch;
    this.logs = logs;
    this.timeout = timeout;
  }

  /** The JVM command builder of {@code engine}'s runner module. */
  public JvmCommand jvm(Engine engine) {
    return new JvmCommand(benchmarksDir.resolve(engine.module()), engine.artifact(), heap);
  }

  /** Why {@code engine} cannot run now, or null. */
  public String unavailableReason(Engine engine) {
    return jvm(engine).unavailableReason(engine.mainClass());
  }

  /** Runs {@code workload} on {@code engine}; {@code label} names the run in log files. */
  public RunOutcome run(Engine engine, Workload workload, String label)
      throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path output = scratch.resolve(label + "-out");
    DataGenerator.deleteTree(output);
    Path stderr = scratch.resolve(label + ".stderr");
    List<String> command =
        jvm(engine)
            .command(
                engine.mainClass(),
                List.of(workload.id(), data.root().toString(), output.toString()));
    ProcessRun run = ProcessRun.run(command, scratch, Map.of(), stderr, timeout);
    try {
      String failure = failure(run, workload, output);
      if (failure != null) {
        Path log = logs.keep(label, command, run, failure);
        return RunOutcome.failed(failure + " (log: " + log + ")");
      }
      RunOutcome reported = ResultLine.outcome(run.stdout());
      long millis = workload == Workload.TRIVIAL ? run.millis() : reported.millis();
      return new RunOutcome(millis, reported.peakRssKb(), null);
    } finally {
      DataGenerator.deleteTree(output);
      Files.deleteIfExists(stderr);
    }
  }

  /** Why the run failed, or null. */
  private String failure(ProcessRun run, Workload workload, Path output) throws IOException {
    if (run.timedOut()) {
      return "killed after " + timeout.toMinutes() + " min";
    }
    if (run.exitCode() != 0) {
      List<String> tail = run.stderrTail(1);
      return "exit code " + run.exitCode() + (tail.isEmpty() ? "" : ": " + clip(tail.get(0)));
    }
    try {
      ResultLine.outcome(run.stdout());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (workload == Workload.TRIVIAL) {
      boolean counted = run.stdout().stream().anyMatch(l -> l.text().equals("count=1000"));
      return counted ? null : "trivial: no 'count=1000' line on stdout";
    }
    OutputCheck check = Checks.of(workload, data);
    try {
      check.check(output);
      return null;
    } catch (CheckFailure e) {
      return e.getMessage();
    }
  }

  private static String clip(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
