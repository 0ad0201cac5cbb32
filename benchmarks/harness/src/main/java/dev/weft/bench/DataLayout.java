package dev.weft.bench;

import java.nio.file.Path;

/**
 * The names inside a benchmark data directory (see {@code benchmarks/README.md}): the inputs the
 * runners read and the expected results the checks compare with.
 */
public final class DataLayout {
  /** Word-count input: text part files. */
  public static final String TEXT = "text";

  /** Sort input: 100-byte TeraSort ASCII records. */
  public static final String SORT = "sort";

  /** ETL input: Parquet customers. */
  public static final String CUSTOMERS = "customers";

  /** ETL-join's small table: Parquet countries. */
  public static final String COUNTRIES = "countries";

  /** The scan workload's wide table: Parquet line items shaped like TPC-H's. */
  public static final String LINEITEM = "lineitem";

  /** PageRank input: {@code src dst} lines. */
  public static final String GRAPH = "graph";

  /** The expected results. */
  public static final String EXPECTED = "expected";

  /** Written last by the generator: without it a data directory is generated again. */
  public static final String COMPLETE = "_COMPLETE";

  /** Expected word counts: {@code word<TAB>count} lines. */
  public static final String EXPECTED_WORDCOUNT = "wordcount.tsv";

  /** Expected sort digest: {@code records=<n>} and {@code checksum=<hex>}. */
  public static final String EXPECTED_SORT = "sort.properties";

  /** Expected ETL sums: {@code country<TAB>sum}. */
  public static final String EXPECTED_ETL = "etl.tsv";

  /** Expected ETL-join sums: {@code name<TAB>sum}. */
  public static final String EXPECTED_ETL_JOIN = "etl-join.tsv";

  /**
   * Expected result of the line-item query: {@code flag<TAB>status<TAB>} then its eight aggregates,
   * tab-separated. Written after the table, so a data directory without it lacks the table.
   */
  public static final String EXPECTED_LINEITEM = "lineitem.tsv";

  /** Expected PageRank ranks: {@code node<TAB>rank}. */
  public static final String EXPECTED_PAGERANK = "pagerank.tsv";

  private final Path root;

  /** A layout rooted at {@code root}. */
  public DataLayout(Path root) {
    this.root = root;
  }

  /** The data directory. */
  public Path root() {
    return root;
  }

  /** A directory or file of the data directory. */
  public Path resolve(String name) {
    return root.resolve(name);
  }

  /** An expected-result file. */
  public Path expected(String name) {
    return root.resolve(EXPECTED).resolve(name);
  }

  /** The marker of a completely generated data directory. */
  public Path completeMarker() {
    return expected(COMPLETE);
  }

  /** The file name of part {@code index} with {@code suffix} ({@code part-00003.txt}). */
  public static String partName(int index, String suffix) {
    return String.format("part-%05d%s", index, suffix);
  }
}
