package dev.weft.sql.sources.parquet;

import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.CompressionOption;
import dev.weft.sql.sources.PartitionedTaskWriter;
import dev.weft.sql.sources.RowFileWriter;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The task side of writing a DataFrame as Parquet: {@link PartitionedTaskWriter} with Parquet files
 * in Spark's layout ({@link RowWriteSupport}), named like Spark's ({@code .snappy.parquet}).
 */
public final class ParquetTaskWriter {
  private ParquetTaskWriter() {}

  /**
   * The codecs of Spark's {@code compression} option for Parquet, in its names. Spark's {@code lz4}
   * (Hadoop's LZ4 framing) is left out: it needs lz4-java, which Weft does not ship; {@code
   * lz4_raw} is Parquet's own LZ4.
   */
  public static final List<String> CODECS =
      List.of("none", "uncompressed", "snappy", "gzip", "lz4_raw", "zstd");

  /**
   * The codec of one of {@link #CODECS}, ignoring case.
   *
   * @param origin where the name comes from, for the error
   * @throws IllegalArgumentException in one line naming the origin, the value and {@link #CODECS}
   */
  public static CompressionCodecName codec(String name, String origin) {
    return switch (CompressionOption.check("Parquet", origin, name, CODECS)) {
      case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
      case "gzip" -> CompressionCodecName.GZIP;
      case "lz4_raw" -> CompressionCodecName.LZ4_RAW;
      case "zstd" -> CompressionCodecName.ZSTD;
      default -> CompressionCodecName.SNAPPY;
    };
  }

  /** The task function of a Parquet save of rows of {@code schema}. */
  public static TaskFunction<InternalRow, Long> writer(
      OutputJob job,
      StructType schema,
      List<String> partitionBy,
      CompressionCodecName codec,
      Map<String, String> hadoopOverrides) {
    return PartitionedTaskWriter.writer(
        job,
        schema,
        partitionBy,
        files(PartitionedTaskWriter.dataSchema(schema, partitionBy), codec),
        hadoopOverrides);
  }

  /** Parquet files of rows of {@code dataSchema}. */
  public static RowFileWriter.Factory files(StructType dataSchema, CompressionCodecName codec) {
    return new Files(dataSchema, codec);
  }

  /** Parquet files of one data schema and codec. */
  private record Files(StructType schema, CompressionCodecName codec)
      implements RowFileWriter.Factory {
    @Override
    public String extension() {
      return (codec == CompressionCodecName.UNCOMPRESSED ? "" : codec.getExtension()) + ".parquet";
    }

    @Override
    public RowFileWriter create(Path file, FileSystem fs, Configuration conf) throws IOException {
      ParquetWriter<InternalRow> w =
          new Builder(file, schema)
              .withConf(conf)
              .withCompressionCodec(codec)
              .withWriteMode(ParquetFileWriter.Mode.CREATE)
              .build();
      return new RowFileWriter() {
        @Override
        public void write(InternalRow row) throws IOException {
          w.write(row);
        }

        @Override
        public void close() throws IOException {
          w.close();
        }
      };
    }
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
    private final StructType schema;

    Builder(Path file, StructType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }
}
