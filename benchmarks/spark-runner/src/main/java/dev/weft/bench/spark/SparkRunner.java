package dev.weft.bench.spark;

import dev.weft.bench.RunnerArgs;
import dev.weft.bench.RunnerReport;
import dev.weft.bench.Workload;
import java.util.EnumSet;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one benchmark workload on Apache Spark with {@code local[2]}, per the runner contract of
 * benchmarks/README.md: {@code SparkRunner <workload> <data dir> <output dir>}. Start the JVM with
 * the options of {@code jvm.options} (the module opens Spark needs on Java 17).
 */
public final class SparkRunner {
  private SparkRunner() {}

  public static void main(String[] argv) {
    RunnerArgs args = RunnerArgs.parseOrExit("SparkRunner", EnumSet.allOf(Workload.class), argv);
    Workload workload = args.workload();
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("weft-bench " + workload.id())
            .set("spark.ui.showConsoleProgress", "false");
    long start = System.nanoTime();
    long trivialCount = -1;
    switch (workload) {
      case ETL, ETL_JOIN, ETL_DF, ETL_JOIN_DF, LINEITEM -> {
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
          // Spark runs etl and etl-join with DataFrames already: the -df variants are the same.
          switch (workload) {
            case ETL, ETL_DF -> SparkSqlWorkloads.etl(spark, args);
            case ETL_JOIN, ETL_JOIN_DF -> SparkSqlWorkloads.etlJoin(spark, args);
            default -> SparkSqlWorkloads.lineItem(spark, args);
          }
        } finally {
          spark.stop();
        }
      }
      default -> {
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
          switch (workload) {
            case WORDCOUNT -> SparkRddWorkloads.wordCount(sc, args);
            case SORT -> SparkRddWorkloads.sort(sc, args);
            case PAGERANK -> SparkRddWorkloads.pageRank(sc, args);
            default -> trivialCount = SparkRddWorkloads.trivial(sc);
          }
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (workload == Workload.TRIVIAL) {
      System.out.println("count=" + trivialCount);
      if (trivialCount != 1000) {
        System.err.println("SparkRunner: trivial counted " + trivialCount + " ints, expected 1000");
        System.exit(1);
      }
    }
    RunnerReport.print(workload.id(), millis);
  }
}
