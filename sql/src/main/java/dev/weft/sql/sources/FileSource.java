package dev.weft.sql.sources;

import dev.weft.api.Dataset;
import dev.weft.api.WeftContext;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import java.util.List;

/**
 * A table stored in files (Parquet, Avro, text, ...), as the planner sees it. Implementations
 * describe the table (schema, partition columns, size) and produce its rows for a scan that names
 * the columns it needs and the filters the query applies.
 *
 * <p>Filters are advisory: a source uses them to skip what cannot match (partition directories,
 * Parquet row groups by statistics or dictionaries) but need not apply them row by row; the engine
 * evaluates every filter again above the scan.
 */
public interface FileSource {

  /** What plans call the source, e.g. {@code parquet hdfs:///warehouse/sales}. */
  String name();

  /** Every column: the files' columns, then the partition columns. */
  StructType schema();

  /** The names of the partition columns ({@code col=value} directories), a suffix of the schema. */
  List<String> partitionColumns();

  /**
   * The estimated bytes a scan with these filters reads (file sizes after partition pruning); used
   * to choose broadcast joins. {@link Long#MAX_VALUE} when unknown.
   */
  long estimatedSizeInBytes(List<SourceFilter> filters);

  /**
   * The rows of the table as internal rows holding exactly {@code requiredColumns} (names of the
   * schema, in this order), skipping what {@code filters} exclude where the format allows.
   */
  Dataset<InternalRow> scan(
      WeftContext context, List<String> requiredColumns, List<SourceFilter> filters);

  /**
   * Whether {@link #scanBatches} can produce these columns as column batches (a vectorized reader).
   * False unless a source says otherwise.
   */
  default boolean supportsBatches(List<String> requiredColumns) {
    return false;
  }

  /**
   * The rows of the table as column batches holding exactly {@code requiredColumns}, only where
   * {@link #supportsBatches} says so. As with {@link #scan}, filters only skip what cannot match:
   * rows that do not match may remain.
   */
  default Dataset<ColumnBatch> scanBatches(
      WeftContext context, List<String> requiredColumns, List<SourceFilter> filters) {
    throw new UnsupportedOperationException(name() + " cannot be read as column batches");
  }
}
