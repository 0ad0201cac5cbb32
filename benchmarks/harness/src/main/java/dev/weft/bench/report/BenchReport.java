package dev.weft.bench.report;

import dev.weft.bench.machine.MachineInfo;
import dev.weft.bench.machine.MachineLimits;
import dev.weft.bench.run.SchedulerScaleRun;
import dev.weft.bench.run.YarnLatency;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run found, filled in as it goes; rendered by the report writers. */
public final class BenchReport {
  /** The command line that produced the report. */
  public String commandLine = "";

  /** When the run started. */
  public ZonedDateTime date = ZonedDateTime.now();

  /** The machine. */
  public MachineInfo machine;

  /** Its measured limits, null when not measured. */
  public MachineLimits limits;

  /** Every engine's -Xmx. */
  public String heap = "";

  /** The scale's name and the data directory. */
  public String data = "";

  /** Measured rounds per row. */
  public int runs;

  /** Input bytes per workload id. */
  public final Map<String, Long> inputBytes = new LinkedHashMap<>();

  /** The workload rows. */
  public final List<Comparison> rows = new ArrayList<>();

  /** The embedded YARN submissions; null when skipped. */
  public List<YarnLatency.Outcome> yarn;

  /** Why the YARN latency was not measured, or null. */
  public String yarnUnavailable;

  /** The scheduler-scale runs; null when skipped. */
  public List<SchedulerScaleRun.Outcome> scheduler;

  /** Why the scheduler scale was not measured, or null. */
  public String schedulerUnavailable;

  /** Whether any run failed (a row, a YARN submission, a scheduler run). */
  public boolean anyFailure() {
    boolean rowFailed = rows.stream().anyMatch(r -> !r.failures().isEmpty());
    boolean yarnFailed = yarn != null && yarn.stream().anyMatch(o -> o.failure() != null);
    boolean schedulerFailed =
        scheduler != null && scheduler.stream().anyMatch(o -> o.failure() != null);
    return rowFailed || yarnFailed || schedulerFailed;
  }

  /** Median submit→SUCCEEDED seconds over the successful submissions. */
  public double yarnSubmitSeconds() {
    return Stats.median(
        yarn.stream()
            .filter(o -> o.failure() == null)
            .map(o -> o.submitToSucceededMillis() / 1000.0)
            .toList());
  }

  /** Median whole-process seconds of the successful submissions. */
  public double yarnProcessSeconds() {
    return Stats.median(
        yarn.stream()
            .filter(o -> o.failure() == null)
            .map(o -> o.processMillis() / 1000.0)
            .toList());
  }

  /** Median launches per second of the successful scheduler runs. */
  public double launchesPerSecond() {
    return Stats.median(
        scheduler.stream()
            .filter(o -> o.failure() == null)
            .map(SchedulerScaleRun.Outcome::launchesPerSecond)
            .toList());
  }

  /** Median driver heap in MB of the successful scheduler runs. */
  public double schedulerHeapMb() {
    return Stats.median(
        scheduler.stream()
            .filter(o -> o.failure() == null)
            .map(SchedulerScaleRun.Outcome::driverHeapMb)
            .toList());
  }
}
