package dev.weft.bench;

import dev.weft.bench.gen.DataGenerator;
import dev.weft.bench.machine.MachineInfo;
import dev.weft.bench.machine.MachineLimits;
import dev.weft.bench.report.BenchReport;
import dev.weft.bench.report.Comparison;
import dev.weft.bench.report.CsvReport;
import dev.weft.bench.report.MarkdownReport;
import dev.weft.bench.run.Engine;
import dev.weft.bench.run.FailureLogs;
import dev.weft.bench.run.RunOutcome;
import dev.weft.bench.run.SchedulerScaleRun;
import dev.weft.bench.run.WorkloadLauncher;
import dev.weft.bench.run.YarnLatency;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The orchestrator of {@code bin/weft-bench}: generates or reuses the data, measures the machine's
 * limits, runs each workload on Weft and each peer alternately in fresh JVMs, checks every result,
 * then the embedded YARN latency and the scheduler scale, and writes the report.
 *
 * <p>The checkout's root is the system property {@code weft.home} (default: the working directory).
 */
public final class Bench {
  /** How long one run may take before it is killed. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

  private final BenchOptions options;
  private final Path repo;
  private final PrintStream out;
  private final PrintStream log;
  private final BenchReport report = new BenchReport();

  Bench(BenchOptions options, Path repo, PrintStream out, PrintStream log) {
    this.options = options;
    this.repo = repo;
    this.out = out;
    this.log = log;
  }

  /** Runs the benchmarks; exit code 0 when every run succeeded, 1 otherwise, 2 for bad usage. */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("weft.home", ".")).toAbsolutePath().normalize();
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, repo);
    } catch (BenchOptions.UsageException e) {
      System.err.println("weft-bench: " + e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    String command = "bin/weft-bench" + (args.length == 0 ? "" : " " + String.join(" ", args));
    int exitCode;
    try {
      exitCode = new Bench(options, repo, System.out, System.err).run(command);
    } catch (IllegalArgumentException e) {
      System.err.println("weft-bench: " + e.getMessage());
      exitCode = 2;
    } catch (IOException e) {
      // e.g. a --data path that is a file, or a full disk: the message names the path.
      System.err.println("weft-bench: " + e);
      exitCode = 1;
    }
    System.exit(exitCode);
  }

  int run(String commandLine) throws IOException, InterruptedException {
    DataLayout data = new DataLayout(options.data());
    new DataGenerator(log).ensure(data, options.scale());
    if (options.generateOnly()) {
      log.println("weft-bench: data ready in " + data.root());
      return 0;
    }
    String stamp = report.date.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    report.commandLine = commandLine;
    report.machine = MachineInfo.current();
    report.heap = options.heap();
    report.runs = options.runs();
    report.data = options.scale().id() + " at " + data.root();
    long largest = 0;
    for (Workload w : Workload.values()) {
      long bytes = InputSizes.of(w, data);
      largest = Math.max(largest, bytes);
      if (w != Workload.TRIVIAL) {
        report.inputBytes.put(w.id(), bytes);
      }
    }
    log.println("weft-bench: measuring the machine's disk and memory...");
    report.limits = MachineLimits.measure(data.root(), largest);
    log.println(
        "weft-bench: "
            + MarkdownReport.render(report)
                .lines()
                .filter(l -> l.startsWith("- Limits"))
                .findFirst()
                .orElse(""));

    Path scratch = options.out().resolve(".work-" + stamp);
    FailureLogs logs = new FailureLogs(options.out().resolve("logs"), stamp);
    WorkloadLauncher launcher =
        new WorkloadLauncher(
            repo.resolve("benchmarks"), options.heap(), data, scratch, logs, RUN_TIMEOUT);
    try {
      out.print(MarkdownReport.header());
      out.flush();
      for (Workload w : options.workloads()) {
        for (Engine peer : peersOf(w)) {
          Comparison row = new Comparison(w, peer, InputSizes.of(w, data));
          row.parquetBytesRead(ParquetColumnBytes.of(w, data));
          compare(launcher, row);
          report.rows.add(row);
          out.print(MarkdownReport.row(row));
          out.flush();
        }
      }
      if (options.yarn()) {
        yarn(scratch, logs);
      }
      if (options.scheduler()) {
        scheduler(launcher, scratch, logs);
      }
    } finally {
      DataGenerator.deleteTree(scratch);
    }
    Path md = write(stamp, MarkdownReport.render(report), CsvReport.render(report));
    out.println();
    out.print(MarkdownReport.render(report));
    out.println();
    out.println("Report: " + md);
    return report.anyFailure() ? 1 : 0;
  }

  /** The selected peers that run {@code w}; a single null (Weft alone) when none does. */
  private List<Engine> peersOf(Workload w) {
    List<Engine> peers = new ArrayList<>();
    for (Engine p : options.peers()) {
      if (p.runs(w)) {
        peers.add(p);
      }
    }
    if (peers.isEmpty()) {
      peers.add(null);
    }
    return peers;
  }

  private void compare(WorkloadLauncher launcher, Comparison row)
      throws IOException, InterruptedException {
    Engine peer = row.peer();
    String reason = launcher.unavailableReason(Engine.WEFT);
    if (reason == null && peer != null) {
      reason = launcher.unavailableReason(peer);
    }
    if (reason != null) {
      row.unavailable(reason);
      return;
    }
    String name = row.workload().id() + (peer == null ? "" : "-vs-" + peer.id());
    log.println("weft-bench: " + name + ": warm-up");
    RunOutcome weftWarm = launcher.run(Engine.WEFT, row.workload(), name + "-warmup-weft");
    RunOutcome peerWarm =
        peer == null ? null : launcher.run(peer, row.workload(), name + "-warmup-" + peer.id());
    if (!weftWarm.ok() || (peerWarm != null && !peerWarm.ok())) {
      // A failed warm-up will fail again: report it instead of spending the rounds.
      row.addRound(weftWarm, peerWarm);
      return;
    }
    for (int round = 0; round < options.runs(); round++) {
      String label = name + "-" + (round + 1);
      RunOutcome weft;
      RunOutcome other = null;
      // Swap the order each round so neither engine always runs on a warmer machine.
      if (peer != null && round % 2 == 1) {
        other = launcher.run(peer, row.workload(), label + "-" + peer.id());
        weft = launcher.run(Engine.WEFT, row.workload(), label + "-weft");
      } else {
        weft = launcher.run(Engine.WEFT, row.workload(), label + "-weft");
        if (peer != null) {
          other = launcher.run(peer, row.workload(), label + "-" + peer.id());
        }
      }
      row.addRound(weft, other);
      log.println(
          "weft-bench: "
              + label
              + ": Weft "
              + describe(weft)
              + (peer == null ? "" : ", " + peer.title() + " " + describe(other)));
    }
  }

  private void yarn(Path scratch, FailureLogs logs) throws IOException, InterruptedException {
    YarnLatency latency =
        new YarnLatency(
            repo,
            repo.resolve("benchmarks/weft-runner/target/weft-bench-weft.jar"),
            scratch,
            logs,
            RUN_TIMEOUT);
    report.yarnUnavailable = latency.unavailableReason();
    if (report.yarnUnavailable != null) {
      return;
    }
    report.yarn = new ArrayList<>();
    for (int i = 1; i <= options.runs(); i++) {
      YarnLatency.Outcome o = latency.run("yarn-embedded-" + i);
      report.yarn.add(o);
      log.println(
          "weft-bench: embedded YARN "
              + i
              + ": "
              + (o.failure() != null
                  ? "FAILED " + o.failure()
                  : "submit→SUCCEEDED "
                      + o.submitToSucceededMillis()
                      + " ms, process "
                      + o.processMillis()
                      + " ms"));
    }
  }

  private void scheduler(WorkloadLauncher launcher, Path scratch, FailureLogs logs)
      throws IOException, InterruptedException {
    SchedulerScaleRun bench =
        new SchedulerScaleRun(launcher.jvm(Engine.WEFT), scratch, logs, RUN_TIMEOUT);
    report.schedulerUnavailable = bench.unavailableReason();
    if (report.schedulerUnavailable != null) {
      return;
    }
    report.scheduler = new ArrayList<>();
    for (int i = 1; i <= options.runs(); i++) {
      SchedulerScaleRun.Outcome o = bench.run("scheduler-" + i);
      report.scheduler.add(o);
      log.println(
          "weft-bench: scheduler scale "
              + i
              + ": "
              + (o.failure() != null
                  ? "FAILED " + o.failure()
                  : String.format(Locale.ROOT, "%.0f launches/s", o.launchesPerSecond())));
    }
  }

  private Path write(String stamp, String markdown, String csv) throws IOException {
    Path dir = options.out();
    Files.createDirectories(dir);
    Path md = dir.resolve(stamp + ".md");
    Path csvFile = dir.resolve(stamp + ".csv");
    Files.writeString(md, markdown, StandardCharsets.UTF_8);
    Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
    Files.copy(md, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(csvFile, dir.resolve("latest.csv"), StandardCopyOption.REPLACE_EXISTING);
    return md;
  }

  private static String describe(RunOutcome r) {
    return r.ok() ? String.format(Locale.ROOT, "%.2f s", r.millis() / 1000.0) : "FAILED";
  }
}
