package dev.weft.api;

import dev.weft.core.io.FileScanNode;
import dev.weft.hdfs.input.InputPartition;
import dev.weft.hdfs.parquet.ParquetPredicate;
import dev.weft.hdfs.parquet.ParquetScan;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The records of Parquet files, as Avro {@link GenericRecord}s. {@link #select} and {@link #where}
 * are pushed into the scan: only the selected columns are read from the files, row groups whose
 * statistics or dictionaries rule the predicate out are skipped, and the remaining records are
 * filtered as they are read.
 *
 * <pre>{@code
 * weft.parquet("hdfs:///customers").select("country", "sales").where(col("age").gt(25));
 * }</pre>
 */
public final class ParquetDataset extends Dataset<GenericRecord> {
  private final List<InputPartition> partitions;
  private final ParquetScan scan;

  ParquetDataset(WeftContext context, List<InputPartition> partitions, ParquetScan scan) {
    super(context, scanNode(context, partitions, scan));
    this.partitions = partitions;
    this.scan = scan;
  }

  private static FileScanNode<GenericRecord> scanNode(
      WeftContext context, List<InputPartition> partitions, ParquetScan scan) {
    return context.runtime().sources().parquet(partitions, scan);
  }

  /**
   * Reads only these top-level columns, in this order.
   *
   * @throws IllegalArgumentException naming the file and the column when a file lacks one
   */
  public ParquetDataset select(String... columns) {
    return new ParquetDataset(context, partitions, scan.withColumns(columns));
  }

  /**
   * Keeps only the records for which {@code predicate} holds (and with any earlier {@code where}),
   * evaluated inside the scan. The predicate may use columns that are not selected.
   */
  public ParquetDataset where(ParquetPredicate predicate) {
    ParquetPredicate combined = scan.predicate().map(p -> p.and(predicate)).orElse(predicate);
    return new ParquetDataset(context, partitions, scan.withPredicate(combined));
  }

  /** What the scan reads: its columns and predicate. */
  public String scanDescription() {
    return scan.toString();
  }
}
