package dev.weft.bench.weft;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.bench.RunnerArgs;
import dev.weft.bench.RunnerReport;
import dev.weft.bench.Workload;
import dev.weft.sql.WeftSession;
import java.util.EnumSet;

/**
 * Runs one benchmark workload on Weft with {@code local[2]}, per the runner contract of
 * benchmarks/README.md: {@code WeftRunner <workload> <data dir> <output dir>}.
 */
public final class WeftRunner {
  private WeftRunner() {}

  public static void main(String[] argv) {
    RunnerArgs args = RunnerArgs.parseOrExit("WeftRunner", EnumSet.allOf(Workload.class), argv);
    Workload workload = args.workload();
    long start = System.nanoTime();
    long trivialCount = -1;
    try (WeftContext weft =
        new WeftContext(
            new WeftConf().setMaster("local[2]").setAppName("weft-bench " + workload.id()))) {
      switch (workload) {
        case WORDCOUNT -> WeftWorkloads.wordCount(weft, args);
        case SORT -> WeftWorkloads.sort(weft, args);
        case ETL -> WeftWorkloads.etl(weft, args);
        case ETL_JOIN -> WeftWorkloads.etlJoin(weft, args);
        // The session wraps the context; the context's close stops both.
        case ETL_DF -> WeftDataFrameWorkloads.etl(WeftSession.of(weft), args);
        case ETL_JOIN_DF -> WeftDataFrameWorkloads.etlJoin(WeftSession.of(weft), args);
        case LINEITEM -> WeftDataFrameWorkloads.lineItem(WeftSession.of(weft), args);
        case PAGERANK -> WeftWorkloads.pageRank(weft, args);
        case TRIVIAL -> trivialCount = WeftWorkloads.trivial(weft);
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (workload == Workload.TRIVIAL) {
      System.out.println("count=" + trivialCount);
      if (trivialCount != 1000) {
        System.err.println("WeftRunner: trivial counted " + trivialCount + " ints, expected 1000");
        System.exit(1);
      }
    }
    RunnerReport.print(workload.id(), millis);
  }
}
