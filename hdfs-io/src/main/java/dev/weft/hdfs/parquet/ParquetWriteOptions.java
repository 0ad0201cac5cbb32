package dev.weft.hdfs.parquet;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a {@link ParquetPartWriter} writes: the compression codec and the row group and page sizes.
 * Immutable and serializable, so the driver validates it once and ships it to the tasks.
 *
 * <pre>{@code
 * ParquetWriteOptions options =
 *     ParquetWriteOptions.defaults().withCodec("zstd").withRowGroupSize(64L << 20);
 * }</pre>
 */
public final class ParquetWriteOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default row group size: 128 MiB, Parquet's default and the HDFS block size. */
  public static final long DEFAULT_ROW_GROUP_SIZE = 128L << 20;

  /** The default page size: 1 MiB, Parquet's default. */
  public static final int DEFAULT_PAGE_SIZE = 1 << 20;

  /** The default codec name. */
  public static final String DEFAULT_CODEC = "snappy";

  private static final Map<String, CompressionCodecName> CODECS = codecs();

  private final String codec;
  private final long rowGroupSize;
  private final int pageSize;

  private ParquetWriteOptions(String codec, long rowGroupSize, int pageSize) {
    this.codec = codec;
    this.rowGroupSize = rowGroupSize;
    this.pageSize = pageSize;
  }

  private static Map<String, CompressionCodecName> codecs() {
    Map<String, CompressionCodecName> codecs = new LinkedHashMap<>();
    codecs.put("snappy", CompressionCodecName.SNAPPY);
    codecs.put("zstd", CompressionCodecName.ZSTD);
    codecs.put("gzip", CompressionCodecName.GZIP);
    codecs.put("none", CompressionCodecName.UNCOMPRESSED);
    codecs.put("uncompressed", CompressionCodecName.UNCOMPRESSED);
    return codecs;
  }

  /** Snappy, 128 MiB row groups, 1 MiB pages. */
  public static ParquetWriteOptions defaults() {
    return new ParquetWriteOptions(DEFAULT_CODEC, DEFAULT_ROW_GROUP_SIZE, DEFAULT_PAGE_SIZE);
  }

  /**
   * A copy with the given codec: {@code snappy}, {@code zstd}, {@code gzip}, {@code none} or {@code
   * uncompressed} (the same), in any case.
   *
   * @throws IllegalArgumentException for another name, with a message listing the valid ones
   */
  public ParquetWriteOptions withCodec(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!CODECS.containsKey(key)) {
      throw new IllegalArgumentException(
          "Unknown Parquet compression codec '"
              + name
              + "'; valid codecs are "
              + String.join(", ", CODECS.keySet()));
    }
    return new ParquetWriteOptions(key, rowGroupSize, pageSize);
  }

  /**
   * A copy whose row groups hold about {@code bytes} bytes (buffered in memory until then).
   *
   * @throws IllegalArgumentException if {@code bytes} is less than the page size
   */
  public ParquetWriteOptions withRowGroupSize(long bytes) {
    if (bytes < pageSize) {
      throw new IllegalArgumentException(
          "Parquet row group size must be at least the page size (" + pageSize + "): " + bytes);
    }
    return new ParquetWriteOptions(codec, bytes, pageSize);
  }

  /**
   * A copy whose pages hold about {@code bytes} bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not positive or exceeds the row group size
   */
  public ParquetWriteOptions withPageSize(int bytes) {
    if (bytes < 1 || bytes > rowGroupSize) {
      throw new IllegalArgumentException(
          "Parquet page size must be between 1 and the row group size ("
              + rowGroupSize
              + "): "
              + bytes);
    }
    return new ParquetWriteOptions(codec, rowGroupSize, bytes);
  }

  /** The codec's name, lower case, as given to {@link #withCodec}. */
  public String codec() {
    return codec;
  }

  /** Parquet's name for the codec. */
  public CompressionCodecName codecName() {
    return CODECS.get(codec);
  }

  /** The row group size in bytes. */
  public long rowGroupSize() {
    return rowGroupSize;
  }

  /** The page size in bytes. */
  public int pageSize() {
    return pageSize;
  }

  @Override
  public String toString() {
    return "ParquetWriteOptions[codec="
        + codec
        + ", rowGroupSize="
        + rowGroupSize
        + ", pageSize="
        + pageSize
        + "]";
  }
}
