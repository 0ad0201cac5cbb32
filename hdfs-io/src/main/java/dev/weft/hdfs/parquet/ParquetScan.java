package dev.weft.hdfs.parquet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ParquetSplitReader} reads of each file: which columns (the projection) and which
 * records (the predicate, pushed down into Parquet). Immutable and serializable, so the driver
 * builds it once and ships it with every split.
 *
 * <pre>{@code
 * ParquetScan scan =
 *     ParquetScan.all()
 *         .withColumns("id", "name")
 *         .withPredicate(ParquetPredicate.col("age").gt(25));
 * }</pre>
 */
public final class ParquetScan implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ParquetScan ALL = new ParquetScan(null, null);

  private final List<String> columns;
  private final ParquetPredicate predicate;

  private ParquetScan(List<String> columns, ParquetPredicate predicate) {
    this.columns = columns;
    this.predicate = predicate;
  }

  /** A scan of every column and every record. */
  public static ParquetScan all() {
    return ALL;
  }

  /**
   * A copy of this scan that reads only the given top-level columns, and returns records with those
   * fields in this order.
   *
   * @throws IllegalArgumentException if no column is given or a column is given twice
   */
  public ParquetScan withColumns(String... columns) {
    return withColumns(List.of(columns));
  }

  /** See {@link #withColumns(String...)}. */
  public ParquetScan withColumns(List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("A Parquet projection needs at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (column == null || column.isEmpty() || !seen.add(column)) {
        throw new IllegalArgumentException(
            "Parquet projection columns must be non-empty and distinct: " + columns);
      }
    }
    return new ParquetScan(Collections.unmodifiableList(new ArrayList<>(columns)), predicate);
  }

  /** A copy of this scan that returns only the records {@code predicate} is true for. */
  public ParquetScan withPredicate(ParquetPredicate predicate) {
    if (predicate == null) {
      throw new IllegalArgumentException("Predicate must not be null; use all() for no filter");
    }
    return new ParquetScan(columns, predicate);
  }

  /** The projected columns, or empty when every column is read. */
  public Optional<List<String>> columns() {
    return Optional.ofNullable(columns);
  }

  /** The predicate, or empty when every record is returned. */
  public Optional<ParquetPredicate> predicate() {
    return Optional.ofNullable(predicate);
  }

  @Override
  public String toString() {
    return "ParquetScan[columns="
        + (columns == null ? "*" : String.join(",", columns))
        + ", predicate="
        + (predicate == null ? "none" : predicate)
        + "]";
  }
}
