package dev.weft.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The benchmark workloads; {@link #id()} is the name runners take on their command line. */
public enum Workload {
  /** Word count over {@code text/}, writing {@code word<TAB>count} lines. */
  WORDCOUNT("wordcount"),
  /** Sort of the 100-byte records of {@code sort/} by their 10-byte key. */
  SORT("sort"),
  /** Parquet customers: age &gt; 25, sum of sales per country. */
  ETL("etl"),
  /** {@link #ETL} joined with the small countries table: sum of sales per country name. */
  ETL_JOIN("etl-join"),
  /** {@link #ETL} with Weft's DataFrame API ({@code WeftSession}); Spark's DataFrames as peer. */
  ETL_DF("etl-df"),
  /** {@link #ETL_JOIN} with Weft's DataFrame API; Spark's DataFrames as peer. */
  ETL_JOIN_DF("etl-join-df"),
  /**
   * A scan of the wide Parquet {@code lineitem} table in the shape of TPC-H Q1 (a ship-date filter,
   * grouped by return flag and line status, sums and averages of its decimals), in DataFrames.
   */
  LINEITEM("lineitem"),
  /** PageRank over {@code graph/}, 10 iterations, links cached. */
  PAGERANK("pagerank"),
  /** parallelize 1,000 ints and count them; timed as a whole process. */
  TRIVIAL("trivial");

  private final String id;

  Workload(String id) {
    this.id = id;
  }

  /** Returns the workload's command-line name. */
  public String id() {
    return id;
  }

  /**
   * Returns the workload named {@code id}.
   *
   * @throws IllegalArgumentException naming the id and the known ones when there is none
   */
  public static Workload of(String id) {
    for (Workload w : values()) {
      if (w.id.equals(id)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")));
  }
}
