package dev.weft.bench.check;

import dev.weft.bench.DataLayout;
import dev.weft.bench.LineItemQuery;
import dev.weft.bench.Workload;

/** The output check of each workload. */
public final class Checks {
  /** Relative tolerance of the ETL sums. */
  public static final double SUM_TOLERANCE = 1e-9;

  /** Relative tolerance of the PageRank ranks. */
  public static final double RANK_TOLERANCE = 1e-6;

  private Checks() {}

  /** The check of {@code workload} against {@code data}'s expected results; null for trivial. */
  public static OutputCheck of(Workload workload, DataLayout data) {
    return switch (workload) {
      case WORDCOUNT -> new WordCountCheck(data.expected(DataLayout.EXPECTED_WORDCOUNT));
      case SORT -> new SortCheck(data.expected(DataLayout.EXPECTED_SORT));
      case ETL, ETL_DF ->
          new NumberCheck("etl", "country", data.expected(DataLayout.EXPECTED_ETL), SUM_TOLERANCE);
      case ETL_JOIN, ETL_JOIN_DF ->
          new NumberCheck(
              "etl-join",
              "country name",
              data.expected(DataLayout.EXPECTED_ETL_JOIN),
              SUM_TOLERANCE);
      case LINEITEM ->
          new DecimalRowsCheck(
              "lineitem",
              data.expected(DataLayout.EXPECTED_LINEITEM),
              LineItemQuery.GROUP_COLUMNS.size(),
              LineItemQuery.AGGREGATE_COLUMNS);
      case PAGERANK ->
          new NumberCheck(
              "pagerank", "node", data.expected(DataLayout.EXPECTED_PAGERANK), RANK_TOLERANCE);
      case TRIVIAL -> null;
    };
  }
}
