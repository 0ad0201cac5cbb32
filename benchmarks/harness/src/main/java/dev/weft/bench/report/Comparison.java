package dev.weft.bench.report;

import dev.weft.bench.Workload;
import dev.weft.bench.run.Engine;
import dev.weft.bench.run.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One row of the report: a workload on Weft against one peer (or Weft alone), round by round, and
 * what follows from it (medians, the pairwise ratio, the targets).
 */
public final class Comparison {
  private final Workload workload;
  private final Engine peer;
  private final long inputBytes;
  private final List<RunOutcome> weft = new ArrayList<>();
  private final List<RunOutcome> peerRuns = new ArrayList<>();
  private String unavailable;
  private long parquetBytesRead;

  /**
   * A row.
   *
   * @param peer the peer, or null for Weft alone
   * @param inputBytes the workload's input size, for throughput
   */
  public Comparison(Workload workload, Engine peer, long inputBytes) {
    this.workload = workload;
    this.peer = peer;
    this.inputBytes = inputBytes;
  }

  /** Marks the row as not run, for {@code reason}. */
  public void unavailable(String reason) {
    unavailable = reason;
  }

  /** Why the row was not run, or null. */
  public String unavailableReason() {
    return unavailable;
  }

  /** Adds a round: Weft's run and the peer's (null without a peer). */
  public void addRound(RunOutcome weftRun, RunOutcome peerRun) {
    weft.add(Objects.requireNonNull(weftRun));
    if (peer != null) {
      peerRuns.add(Objects.requireNonNull(peerRun));
    }
  }

  /** The workload. */
  public Workload workload() {
    return workload;
  }

  /** The peer, or null. */
  public Engine peer() {
    return peer;
  }

  /** The input size in bytes. */
  public long inputBytes() {
    return inputBytes;
  }

  /** Sets the Parquet column-chunk bytes the workload reads (0: not a Parquet workload). */
  public void parquetBytesRead(long bytes) {
    parquetBytesRead = bytes;
  }

  /** The Parquet column-chunk bytes the workload reads, 0 when it reads no Parquet. */
  public long parquetBytesRead() {
    return parquetBytesRead;
  }

  /** Weft's rate of Parquet bytes read in MB/s, NaN when it reads no Parquet. */
  public double weftParquetMbPerSecond() {
    return rate(parquetBytesRead, weftSeconds());
  }

  /** The peer's rate of Parquet bytes read in MB/s. */
  public double peerParquetMbPerSecond() {
    return rate(parquetBytesRead, peerSeconds());
  }

  /** The distinct failures of the row's runs, Weft's first. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    for (RunOutcome r : weft) {
      if (!r.ok() && !out.contains("Weft: " + r.failure())) {
        out.add("Weft: " + r.failure());
      }
    }
    for (RunOutcome r : peerRuns) {
      String line = peer.title() + ": " + r.failure();
      if (!r.ok() && !out.contains(line)) {
        out.add(line);
      }
    }
    return out;
  }

  /** Whether the row was run and every run succeeded. */
  public boolean ok() {
    return unavailable == null && failures().isEmpty();
  }

  /** Weft's median seconds over its successful runs. */
  public double weftSeconds() {
    return median(weft, r -> r.millis() / 1000.0);
  }

  /** The peer's median seconds over its successful runs. */
  public double peerSeconds() {
    return median(peerRuns, r -> r.millis() / 1000.0);
  }

  /** Weft's median peak RSS in MB. */
  public double weftRssMb() {
    return median(weft, r -> r.peakRssKb() < 0 ? Double.NaN : r.peakRssKb() / 1024.0);
  }

  /** The peer's median peak RSS in MB. */
  public double peerRssMb() {
    return median(peerRuns, r -> r.peakRssKb() < 0 ? Double.NaN : r.peakRssKb() / 1024.0);
  }

  /** Weft/peer: the median of the rounds' ratios; NaN without a peer. */
  public double ratio() {
    if (peer == null) {
      return Double.NaN;
    }
    return Stats.pairwiseRatio(seconds(weft), seconds(peerRuns));
  }

  /** The ratio target, NaN when there is none. */
  public double target() {
    return peer == null ? Double.NaN : Targets.ratio(workload, peer);
  }

  /** Whether the ratio meets the target: null when there is no target or no ratio. */
  public Boolean met() {
    double ratio = ratio();
    double target = target();
    return Double.isNaN(ratio) || Double.isNaN(target) ? null : ratio <= target;
  }

  /** Whether Weft's RSS is at most the peer's: null when not compared. */
  public Boolean rssMet() {
    if (peer == null || !Targets.comparesRss(peer)) {
      return null;
    }
    double w = weftRssMb();
    double p = peerRssMb();
    return Double.isNaN(w) || Double.isNaN(p) ? null : w <= p;
  }

  /** Weft's throughput in MB/s of input, NaN for no input. */
  public double weftMbPerSecond() {
    return throughput(weftSeconds());
  }

  /** The peer's throughput in MB/s of input. */
  public double peerMbPerSecond() {
    return throughput(peerSeconds());
  }

  private double throughput(double seconds) {
    return rate(inputBytes, seconds);
  }

  private static double rate(long bytes, double seconds) {
    return bytes <= 0 || !(seconds > 0) ? Double.NaN : bytes / 1e6 / seconds;
  }

  private static List<Double> seconds(List<RunOutcome> runs) {
    return runs.stream().map(r -> r.ok() ? r.millis() / 1000.0 : Double.NaN).toList();
  }

  private static double median(List<RunOutcome> runs, ToDoubleFunction<RunOutcome> value) {
    List<Double> values = new ArrayList<>();
    for (RunOutcome r : runs) {
      double v = r.ok() ? value.applyAsDouble(r) : Double.NaN;
      if (!Double.isNaN(v)) {
        values.add(v);
      }
    }
    return Stats.median(values);
  }
}
