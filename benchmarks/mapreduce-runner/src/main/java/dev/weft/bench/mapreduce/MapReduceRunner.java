package dev.weft.bench.mapreduce;

import dev.weft.bench.RunnerArgs;
import dev.weft.bench.RunnerReport;
import dev.weft.bench.Workload;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Runs word count or sort on Hadoop MapReduce's local runner (2 map and 2 reduce slots, the local
 * file system), per the runner contract of benchmarks/README.md: {@code MapReduceRunner <workload>
 * <data dir> <output dir>}. The other workloads are not supported by this peer.
 */
public final class MapReduceRunner extends Configured implements Tool {
  /** Reduce tasks per job: one per reduce slot of the local runner. */
  static final int REDUCERS = 2;

  private final RunnerArgs args;

  private MapReduceRunner(RunnerArgs args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    RunnerArgs args =
        RunnerArgs.parseOrExit(
            "MapReduceRunner", EnumSet.of(Workload.WORDCOUNT, Workload.SORT), argv);
    long start = System.nanoTime();
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.set("fs.defaultFS", "file:///");
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", 2);
    int exit = ToolRunner.run(conf, new MapReduceRunner(args), new String[0]);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (exit != 0) {
      System.err.println("MapReduceRunner: the " + args.workload().id() + " job failed");
      System.exit(exit);
    }
    RunnerReport.print(args.workload().id(), millis);
  }

  @Override
  public int run(String[] ignored) throws Exception {
    boolean ok =
        switch (args.workload()) {
          case WORDCOUNT -> WordCountJob.run(getConf(), args);
          case SORT -> SortJob.run(getConf(), args);
          default -> throw new IllegalStateException("unsupported: " + args.workload());
        };
    return ok ? 0 : 1;
  }
}
