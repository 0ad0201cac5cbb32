package dev.weft.bench;

import dev.weft.bench.run.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options of {@code bin/weft-bench}. */
public final class BenchOptions {
  /** The usage, printed by {@code --help}. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: bin/weft-bench [--rebuild] [options]",
          "Runs every workload on Weft and on its peers (Spark local[2], MapReduce local runner),",
          "alternately, checks every result and writes the report to <out>/<timestamp>.md and .csv.",
          "",
          "  --scale tiny|small|default|large  data size (default: default)",
          "  --data DIR            data directory (default: benchmarks/data/<scale>); generated",
          "                        when it has no expected/_COMPLETE, else reused",
          "  --runs N              measured rounds per workload and peer, after 1 warm-up (default 3)",
          "  --workloads a,b,...   of wordcount, sort, etl, etl-join, etl-df, etl-join-df, lineitem,",
          "                        pagerank, trivial (default all)",
          "  --peers a,b           of spark, mapreduce (default both)",
          "  --heap SIZE           the -Xmx of every engine's JVM, e.g. 2g (default 2g)",
          "  --out DIR             results directory (default: benchmarks/results)",
          "  --no-yarn             skip the embedded YARN submit latency",
          "  --no-scheduler        skip the scheduler-scale benchmark",
          "  --generate-only       generate the data and exit",
          "  --rebuild             (bin/weft-bench) build the runners again before running",
          "  --help                this help");

  Scale scale = Scale.DEFAULT;
  Path data;
  int runs = 3;
  Set<Workload> workloads = new LinkedHashSet<>(Arrays.asList(Workload.values()));
  List<Engine> peers = new ArrayList<>(List.of(Engine.SPARK, Engine.MAPREDUCE));
  String heap = "2g";
  Path out;
  boolean yarn = true;
  boolean scheduler = true;
  boolean generateOnly;
  boolean help;

  /** Thrown for a bad command line; the message is one line. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code args}; relative default directories resolve against {@code repo}.
   *
   * @throws UsageException naming the option or value at fault
   */
  public static BenchOptions parse(String[] args, Path repo) throws UsageException {
    BenchOptions o = new BenchOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> o.help = true;
        case "--no-yarn" -> o.yarn = false;
        case "--no-scheduler" -> o.scheduler = false;
        case "--generate-only" -> o.generateOnly = true;
        case "--scale", "--data", "--runs", "--workloads", "--peers", "--heap", "--out" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          o.set(name, value);
        }
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    if (o.data == null) {
      o.data = repo.resolve("benchmarks/data").resolve(o.scale.id());
    }
    if (o.out == null) {
      o.out = repo.resolve("benchmarks/results");
    }
    return o;
  }

  private void set(String name, String value) throws UsageException {
    try {
      switch (name) {
        case "--scale" -> scale = Scale.of(value);
        case "--data" -> data = Path.of(value).toAbsolutePath();
        case "--out" -> out = Path.of(value).toAbsolutePath();
        case "--runs" -> runs = positive(value);
        case "--heap" -> {
          if (!value.matches("[0-9]+[kKmMgG]?")) {
            throw new UsageException(
                "--heap " + value + ": expected a JVM size such as 2g or 1536m");
          }
          heap = value;
        }
        case "--workloads" -> {
          workloads = new LinkedHashSet<>();
          for (String id : list(name, value)) {
            workloads.add(Workload.of(id));
          }
        }
        case "--peers" -> {
          peers = new ArrayList<>();
          for (String id : list(name, value)) {
            Engine peer = Engine.peer(id);
            if (!peers.contains(peer)) {
              peers.add(peer);
            }
          }
        }
        default -> throw new IllegalStateException(name);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage());
    }
  }

  private static int positive(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UsageException("--runs " + value + ": expected a whole number of at least 1");
  }

  private static List<String> list(String name, String value) throws UsageException {
    List<String> items = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    if (items.isEmpty() || items.stream().anyMatch(String::isEmpty)) {
      throw new UsageException(name + " '" + value + "': expected a comma-separated list");
    }
    return items;
  }

  /** The data size. */
  public Scale scale() {
    return scale;
  }

  /** The data directory. */
  public Path data() {
    return data;
  }

  /** Measured rounds per row. */
  public int runs() {
    return runs;
  }

  /** The workloads to run, in order. */
  public Set<Workload> workloads() {
    return workloads;
  }

  /** The peers to compare with, in order. */
  public List<Engine> peers() {
    return peers;
  }

  /** Every engine's -Xmx. */
  public String heap() {
    return heap;
  }

  /** The results directory. */
  public Path out() {
    return out;
  }

  /** Whether to measure the embedded YARN latency. */
  public boolean yarn() {
    return yarn;
  }

  /** Whether to run the scheduler-scale benchmark. */
  public boolean scheduler() {
    return scheduler;
  }

  /** Whether to stop after generating the data. */
  public boolean generateOnly() {
    return generateOnly;
  }

  /** Whether --help was asked. */
  public boolean help() {
    return help;
  }
}
