package dev.weft.sql.sources;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A file format of the structured layer's sources (Parquet, Avro, text): how to infer a table's
 * data schema from its files and how a task reads a split as internal rows. {@link FileTable} adds
 * what is common: listing, partition columns, pruning and splits.
 */
public interface FileFormat extends Serializable {

  /** The format's name, as {@code format(..)} takes it: {@code parquet}, {@code avro}, ... */
  String shortName();

  /**
   * The data columns (partition columns excluded) of the table's files.
   *
   * @param files the data files, in listing order (at least one)
   * @param options the reader's options
   */
  StructType inferSchema(List<String> files, Configuration conf, Map<String, String> options)
      throws IOException;

  /**
   * Opens a split for a task: the rows hold exactly the columns of {@code required} (data columns
   * of the table, with the table's types), filtered where the format can by {@code filters}.
   */
  SplitRows open(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException;

  /** The rows of one split and the bytes read for them. */
  interface SplitRows extends Iterator<InternalRow>, Closeable {
    long bytesRead();
  }

  /**
   * Whether {@link #openBatches} can read these columns as column batches (Parquet's vectorized
   * reader: flat columns only). False unless a format says otherwise.
   */
  default boolean supportsBatches(StructType required) {
    return false;
  }

  /**
   * Opens a split for a task as column batches holding exactly the columns of {@code required};
   * only where {@link #supportsBatches} says so. Filters may skip row groups but records are not
   * filtered.
   */
  default SplitBatches openBatches(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    throw new UnsupportedOperationException(shortName() + " has no column batch reader");
  }

  /** The column batches of one split and the bytes read for them. */
  interface SplitBatches extends Iterator<ColumnBatch>, Closeable {
    long bytesRead();
  }
}
