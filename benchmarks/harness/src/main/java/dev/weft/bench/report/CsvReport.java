package dev.weft.bench.report;

import static dev.weft.bench.report.Format.num;

/**
 * The CSV report: one line per workload row, then the YARN latency and the scheduler scale as rows
 * of the same columns (times in seconds; empty cells where a value does not apply).
 */
public final class CsvReport {
  static final String HEADER =
      "workload,peer,weft_s,peer_s,ratio,target,met,weft_rss_mb,peer_rss_mb,rss_met,"
          + "weft_mb_s,peer_mb_s,input_bytes,status";

  private CsvReport() {}

  /** The CSV document. */
  public static String render(BenchReport r) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Comparison c : r.rows) {
      String status =
          c.unavailableReason() != null
              ? "not available: " + c.unavailableReason()
              : c.failures().isEmpty() ? "ok" : String.join("; ", c.failures());
      csv.append(
              String.join(
                  ",",
                  c.workload().id(),
                  c.peer() == null ? "" : c.peer().id(),
                  cell(c.weftSeconds(), 3),
                  cell(c.peerSeconds(), 3),
                  cell(c.ratio(), 3),
                  cell(c.target(), 2),
                  c.met() == null ? "" : c.met().toString(),
                  cell(c.weftRssMb(), 0),
                  cell(c.peerRssMb(), 0),
                  c.rssMet() == null ? "" : c.rssMet().toString(),
                  cell(c.weftMbPerSecond(), 1),
                  cell(c.peerMbPerSecond(), 1),
                  Long.toString(c.inputBytes()),
                  quote(status)))
          .append('\n');
    }
    if (r.yarn != null && r.yarnUnavailable == null) {
      double s = r.yarnSubmitSeconds();
      csv.append("yarn-submit-to-succeeded,,")
          .append(cell(s, 3))
          .append(",,,")
          .append(cell(Targets.YARN_SUBMIT_SECONDS, 0))
          .append(',')
          .append(Double.isNaN(s) ? "" : Boolean.toString(s <= Targets.YARN_SUBMIT_SECONDS))
          .append(",,,,,,,")
          .append(quote("process_s=" + cell(r.yarnProcessSeconds(), 3)))
          .append('\n');
    }
    if (r.scheduler != null && r.schedulerUnavailable == null) {
      double rate = r.launchesPerSecond();
      csv.append("scheduler-launches-per-second,,")
          .append(cell(rate, 0))
          .append(",,,")
          .append(cell(Targets.LAUNCHES_PER_SECOND, 0))
          .append(',')
          .append(Double.isNaN(rate) ? "" : Boolean.toString(rate >= Targets.LAUNCHES_PER_SECOND))
          .append(',')
          .append(cell(r.schedulerHeapMb(), 0))
          .append(",,,,,,ok\n");
    }
    return csv.toString();
  }

  private static String cell(double v, int decimals) {
    String s = num(v, decimals);
    return s.equals(Format.NONE) ? "" : s;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
