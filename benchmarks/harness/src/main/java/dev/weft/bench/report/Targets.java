package dev.weft.bench.report;

import dev.weft.bench.Workload;
import dev.weft.bench.run.Engine;

/** The performance targets of issues 8 and 13, as Weft/peer ratios of median wall time. */
public final class Targets {
  /** Embedded YARN submit to SUCCEEDED of the trivial job, at most. */
  public static final double YARN_SUBMIT_SECONDS = 10;

  /** Scheduler task launches per second, at least. */
  public static final double LAUNCHES_PER_SECOND = 20_000;

  private Targets() {}

  /** The largest Weft/{@code peer} time ratio that meets the target, or NaN when there is none. */
  public static double ratio(Workload workload, Engine peer) {
    if (peer == Engine.SPARK) {
      return switch (workload) {
        case WORDCOUNT, SORT, PAGERANK, TRIVIAL -> 0.5;
        case ETL, ETL_JOIN -> 1.0;
        case ETL_DF, ETL_JOIN_DF, LINEITEM -> 0.5;
      };
    }
    if (peer == Engine.MAPREDUCE && (workload == Workload.WORDCOUNT || workload == Workload.SORT)) {
      return 0.25;
    }
    return Double.NaN;
  }

  /** Whether Weft's peak RSS is compared with {@code peer}'s: Weft's must not exceed Spark's. */
  public static boolean comparesRss(Engine peer) {
    return peer == Engine.SPARK;
  }
}
