package dev.weft.api;

import dev.weft.hdfs.parquet.ParquetColumn;
import dev.weft.hdfs.parquet.ParquetPredicate;

/**
 * Builds the predicates that {@link ParquetDataset#where} pushes into Parquet scans.
 *
 * <pre>{@code
 * import static dev.weft.api.Filters.col;
 *
 * weft.parquet("hdfs:///customers").select("country", "sales").where(col("age").gt(25));
 * }</pre>
 */
public final class Filters {
  private Filters() {}

  /** A column, by name or dotted path into nested records ({@code address.city}). */
  public static ParquetColumn col(String name) {
    return ParquetPredicate.col(name);
  }

  /** True where {@code predicate} is false. */
  public static ParquetPredicate not(ParquetPredicate predicate) {
    return ParquetPredicate.not(predicate);
  }
}
