package dev.weft.bench.report;

import static dev.weft.bench.report.Format.NONE;
import static dev.weft.bench.report.Format.met;
import static dev.weft.bench.report.Format.num;

import dev.weft.bench.machine.MachineLimits;
import dev.weft.bench.run.SchedulerScaleRun;
import dev.weft.bench.run.YarnLatency;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The Markdown report: how it was made, on what, and the tables. */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The workload table's header lines. */
  public static String header() {
    return "| workload | peer | Weft s | peer s | Weft/peer | target | met? | Weft RSS MB"
        + " | peer RSS MB | RSS met? | Weft MB/s | peer MB/s |\n"
        + "|---|---|--:|--:|--:|--:|---|--:|--:|---|--:|--:|\n";
  }

  /** One workload row. */
  public static String row(Comparison c) {
    String peer = c.peer() == null ? NONE : c.peer().title();
    if (c.unavailableReason() != null) {
      return "| "
          + c.workload().id()
          + " | "
          + peer
          + " | not available: "
          + c.unavailableReason().replace("|", "/")
          + " | | | | | | | | | |\n";
    }
    String metCell = c.failures().isEmpty() ? met(c.met()) : "FAILED";
    return String.join(
            " | ",
            "| " + c.workload().id(),
            peer,
            num(c.weftSeconds(), 2),
            num(c.peerSeconds(), 2),
            num(c.ratio(), 2),
            Double.isNaN(c.target()) ? NONE : "≤ " + num(c.target(), 2),
            metCell,
            num(c.weftRssMb(), 0),
            num(c.peerRssMb(), 0),
            met(c.rssMet()),
            num(c.weftMbPerSecond(), 1),
            num(c.peerMbPerSecond(), 1))
        + " |\n";
  }

  /** The whole document. */
  public static String render(BenchReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Weft benchmarks, ")
        .append(r.date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append("\n\n");
    md.append("Command: `").append(r.commandLine).append("`\n\n");
    md.append("- Machine: ")
        .append(r.machine.cores())
        .append(" cores, ")
        .append(r.machine.memTotalMb())
        .append(" MB RAM, Java ")
        .append(r.machine.javaVersion())
        .append(" (")
        .append(r.machine.javaVm())
        .append("); every engine with -Xmx")
        .append(r.heap)
        .append("\n");
    MachineLimits l = r.limits;
    if (l != null) {
      md.append("- Limits: disk write ")
          .append(num(l.diskWriteMbPerSecond(), 0))
          .append(" MB/s (fsync'd), disk read ")
          .append(num(l.diskReadMbPerSecond(), 0))
          .append(" MB/s")
          .append(l.readFromPageCache() ? " (likely the page cache)" : "")
          .append(", memory copy ")
          .append(num(l.memoryCopyMbPerSecond(), 0))
          .append(" MB/s (probe file ")
          .append(Format.mb(l.probeBytes()))
          .append(")\n");
    }
    md.append("- Data: ").append(r.data).append("; ");
    StringBuilder sizes = new StringBuilder();
    for (Map.Entry<String, Long> e : r.inputBytes.entrySet()) {
      sizes
          .append(sizes.length() == 0 ? "" : ", ")
          .append(e.getKey())
          .append(" ")
          .append(Format.mb(e.getValue()));
    }
    md.append(sizes).append("\n");
    md.append("- Rounds: 1 warm-up of each engine, then ")
        .append(r.runs)
        .append(
            " alternated rounds; times are medians, Weft/peer is the median of the rounds'"
                + " ratios; `trivial` is timed as a whole process\n\n");
    md.append(header());
    r.rows.forEach(c -> md.append(row(c)));
    parquet(r, md);
    StringBuilder failures = new StringBuilder();
    for (Comparison c : r.rows) {
      for (String f : c.failures()) {
        failures.append("- ").append(c.workload().id()).append(": ").append(f).append("\n");
      }
    }
    yarn(r, md, failures);
    scheduler(r, md, failures);
    if (failures.length() > 0) {
      md.append("\n## Failures\n\n").append(failures);
    }
    return md.toString();
  }

  /** The Parquet workloads' rates of column-chunk bytes read, when any ran. */
  private static void parquet(BenchReport r, StringBuilder md) {
    StringBuilder rows = new StringBuilder();
    for (Comparison c : r.rows) {
      if (c.parquetBytesRead() > 0 && c.unavailableReason() == null) {
        rows.append(
            String.join(
                    " | ",
                    "| " + c.workload().id(),
                    c.peer() == null ? NONE : c.peer().title(),
                    Format.mb(c.parquetBytesRead()),
                    num(c.weftParquetMbPerSecond(), 1),
                    num(c.peerParquetMbPerSecond(), 1))
                + " |\n");
      }
    }
    if (rows.length() > 0) {
      md.append(
              "\nParquet read (the compressed column chunks of the columns each query uses, from"
                  + " the files' footers):\n\n| workload | peer | Parquet bytes read | Weft MB/s"
                  + " | peer MB/s |\n|---|---|--:|--:|--:|\n")
          .append(rows);
    }
  }

  private static void yarn(BenchReport r, StringBuilder md, StringBuilder failures) {
    if (r.yarnUnavailable != null) {
      md.append("\nEmbedded YARN latency: not available: ").append(r.yarnUnavailable).append("\n");
    } else if (r.yarn != null) {
      double submit = r.yarnSubmitSeconds();
      md.append("\n| embedded YARN, trivial job | median s | target | met? |\n")
          .append("|---|--:|--:|---|\n")
          .append("| submit → SUCCEEDED | ")
          .append(num(submit, 2))
          .append(" | ≤ ")
          .append(num(Targets.YARN_SUBMIT_SECONDS, 0))
          .append(" | ")
          .append(Double.isNaN(submit) ? NONE : met(submit <= Targets.YARN_SUBMIT_SECONDS))
          .append(" |\n| whole yarn-submit process | ")
          .append(num(r.yarnProcessSeconds(), 2))
          .append(" | | |\n");
      for (YarnLatency.Outcome o : r.yarn) {
        if (o.failure() != null) {
          failures.append("- embedded YARN: ").append(o.failure()).append("\n");
        }
      }
    }
  }

  private static void scheduler(BenchReport r, StringBuilder md, StringBuilder failures) {
    if (r.schedulerUnavailable != null) {
      md.append("\nScheduler scale: not available: ").append(r.schedulerUnavailable).append("\n");
    } else if (r.scheduler != null) {
      double rate = r.launchesPerSecond();
      SchedulerScaleRun.Outcome any =
          r.scheduler.stream().filter(o -> o.failure() == null).findFirst().orElse(null);
      md.append(
              "\n| scheduler scale | tasks | executors | launches/s | target | met? | driver heap MB"
                  + " |\n|---|--:|--:|--:|--:|---|--:|\n")
          .append("| median of ")
          .append(r.scheduler.size())
          .append(" | ")
          .append(any == null ? NONE : Long.toString(any.tasks()))
          .append(" | ")
          .append(any == null ? NONE : Long.toString(any.executors()))
          .append(" | ")
          .append(num(rate, 0))
          .append(" | ≥ ")
          .append(num(Targets.LAUNCHES_PER_SECOND, 0))
          .append(" | ")
          .append(Double.isNaN(rate) ? NONE : met(rate >= Targets.LAUNCHES_PER_SECOND))
          .append(" | ")
          .append(num(r.schedulerHeapMb(), 0))
          .append(" |\n");
      for (SchedulerScaleRun.Outcome o : r.scheduler) {
        if (o.failure() != null) {
          failures.append("- scheduler scale: ").append(o.failure()).append("\n");
        }
      }
    }
  }
}
