package dev.weft.hdfs.parquet;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageType;

/**
 * What planning needs to know of a Parquet file, from its footer.
 *
 * @param path the file, in Hadoop's path string form
 * @param length the file's length in bytes
 * @param rowCount the number of records in the file
 * @param parquetSchema the file's Parquet schema
 * @param avroSchema the Avro schema of its records: the writer's, if written by parquet-avro, else
 *     the one Weft derives from the Parquet schema, which keeps every logical type
 * @param rowGroups the row groups, in file order
 */
public record ParquetFileInfo(
    String path,
    long length,
    long rowCount,
    MessageType parquetSchema,
    Schema avroSchema,
    List<RowGroup> rowGroups) {

  /** Copies the row groups. */
  public ParquetFileInfo {
    rowGroups = List.copyOf(rowGroups);
  }

  /** The top-level column names, in schema order. */
  public List<String> columns() {
    return ParquetSchemas.fieldNames(parquetSchema);
  }

  /**
   * One row group.
   *
   * @param start the offset of its first byte (its first column chunk)
   * @param compressedSize its bytes on disk
   * @param rowCount its records
   */
  public record RowGroup(long start, long compressedSize, long rowCount) {
    /** The offset whose position decides which split owns the row group. */
    public long midpoint() {
      return start + compressedSize / 2;
    }
  }
}
