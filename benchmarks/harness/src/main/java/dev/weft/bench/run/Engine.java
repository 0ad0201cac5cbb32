package dev.weft.bench.run;

import dev.weft.bench.Workload;
import java.util.EnumSet;
import java.util.Set;

/** An engine under test: its runner module, jar, main class and the workloads it runs. */
public enum Engine {
  /** Weft, the engine measured. */
  WEFT(
      "weft",
      "Weft",
      "weft-runner",
      "weft-bench-weft",
      "dev.weft.bench.weft.WeftRunner",
      EnumSet.allOf(Workload.class)),
  /** Apache Spark 4, local[2]. */
  SPARK(
      "spark",
      "Spark",
      "spark-runner",
      "weft-bench-spark",
      "dev.weft.bench.spark.SparkRunner",
      EnumSet.allOf(Workload.class)),
  /** Hadoop MapReduce's local runner. */
  MAPREDUCE(
      "mapreduce",
      "MapReduce",
      "mapreduce-runner",
      "weft-bench-mapreduce",
      "dev.weft.bench.mapreduce.MapReduceRunner",
      EnumSet.of(Workload.WORDCOUNT, Workload.SORT));

  private final String id;
  private final String title;
  private final String module;
  private final String artifact;
  private final String mainClass;
  private final Set<Workload> workloads;

  Engine(
      String id,
      String title,
      String module,
      String artifact,
      String mainClass,
      Set<Workload> workloads) {
    this.id = id;
    this.title = title;
    this.module = module;
    this.artifact = artifact;
    this.mainClass = mainClass;
    this.workloads = workloads;
  }

  /** The name on the command line ({@code --peers spark}). */
  public String id() {
    return id;
  }

  /** The name in the report. */
  public String title() {
    return title;
  }

  /** The runner module's directory under {@code benchmarks/}. */
  public String module() {
    return module;
  }

  /** The runner jar's base name in the module's {@code target/}. */
  public String artifact() {
    return artifact;
  }

  /** The runner's main class. */
  public String mainClass() {
    return mainClass;
  }

  /** Whether the runner implements {@code workload}. */
  public boolean runs(Workload workload) {
    return workloads.contains(workload);
  }

  /**
   * Returns the peer engine named {@code id} (not Weft).
   *
   * @throws IllegalArgumentException naming the value and the known peers
   */
  public static Engine peer(String id) {
    for (Engine e : values()) {
      if (e != WEFT && e.id.equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown peer '" + id + "'; expected spark or mapreduce");
  }
}
