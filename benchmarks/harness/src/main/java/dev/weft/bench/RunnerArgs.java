package dev.weft.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The command line of a runner, {@code <workload> <data dir> <output dir>}, checked before any
 * engine starts: the workload must be one the runner supports and its input directories must exist.
 * {@code trivial} needs no data, so its two directories may be left out.
 *
 * <p>JDK only, like {@link RunnerReport}: every runner takes the harness jar without its
 * dependencies.
 *
 * @param workload the workload to run
 * @param dataDir the data directory laid out as benchmarks/README.md describes
 * @param outputDir where the result goes; the engine creates it
 */
public record RunnerArgs(Workload workload, Path dataDir, Path outputDir) {

  /** The exit code of a runner given a bad command line or missing input. */
  public static final int USAGE_EXIT_CODE = 2;

  /**
   * Parses and checks {@code args}; on a bad command line prints one line naming the problem on
   * stderr and exits the JVM with {@link #USAGE_EXIT_CODE}.
   *
   * @param runner the runner's name, for the messages
   * @param supported the workloads this runner implements
   */
  public static RunnerArgs parseOrExit(String runner, Set<Workload> supported, String[] args) {
    try {
      return parse(runner, supported, args);
    } catch (IllegalArgumentException e) {
      System.err.println(runner + ": " + e.getMessage());
      System.exit(USAGE_EXIT_CODE);
      throw e; // not reached
    }
  }

  /**
   * Parses and checks {@code args}.
   *
   * @throws IllegalArgumentException with a one-line message for a wrong argument count, an unknown
   *     or unsupported workload, or a missing input directory
   */
  public static RunnerArgs parse(String runner, Set<Workload> supported, String[] args) {
    boolean bareTrivial = args.length == 1 && Workload.TRIVIAL.id().equals(args[0]);
    if (args.length != 3 && !bareTrivial) {
      throw new IllegalArgumentException(
          "expected <workload> <data dir> <output dir>, got " + args.length + " argument(s)");
    }
    Workload workload = Workload.of(args[0]);
    if (!supported.contains(workload)) {
      throw new IllegalArgumentException(
          "workload '" + workload.id() + "' is not supported by " + runner);
    }
    if (bareTrivial) {
      return new RunnerArgs(workload, null, null);
    }
    Path data = Path.of(args[1]);
    for (String input : inputs(workload)) {
      if (!Files.isDirectory(data.resolve(input))) {
        throw new IllegalArgumentException(
            "workload '"
                + workload.id()
                + "' reads "
                + data.resolve(input)
                + ", which is not a directory; generate the data first");
      }
    }
    return new RunnerArgs(workload, data, Path.of(args[2]));
  }

  /** The sub-directories of the data directory that {@code workload} reads. */
  public static List<String> inputs(Workload workload) {
    return switch (workload) {
      case WORDCOUNT -> List.of("text");
      case SORT -> List.of("sort");
      case ETL, ETL_DF -> List.of("customers");
      case ETL_JOIN, ETL_JOIN_DF -> List.of("customers", "countries");
      case LINEITEM -> List.of("lineitem");
      case PAGERANK -> List.of("graph");
      case TRIVIAL -> List.of();
    };
  }

  /** The absolute path of the input directory {@code name}, as a string for the engines' APIs. */
  public String input(String name) {
    return dataDir.resolve(name).toAbsolutePath().toString();
  }

  /** The absolute path of the output directory, as a string for the engines' APIs. */
  public String output() {
    return outputDir.toAbsolutePath().toString();
  }
}
