package dev.weft.sql.sources.avro;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.CompressionOption;
import dev.weft.sql.sources.RowFileWriter;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Avro container files of DataFrame rows, in the schema {@link AvroSchemas} maps, compressed with
 * one of Spark's Avro codecs (stored in each file's header, so readers need no setting).
 */
public final class AvroTaskWriter implements RowFileWriter.Factory {
  private static final long serialVersionUID = 1L;

  /** The codecs of Spark's {@code compression} option for Avro, in its names. */
  public static final List<String> CODECS =
      List.of("uncompressed", "snappy", "deflate", "bzip2", "xz", "zstandard");

  private final StructType schema;
  private final String codec;
  private final String recordName;
  private final String recordNamespace;

  /**
   * @param schema the data columns
   * @param codec one of {@link #CODECS}
   */
  public AvroTaskWriter(
      StructType schema, String codec, String recordName, String recordNamespace) {
    this.schema = schema;
    this.codec = codec;
    this.recordName = recordName;
    this.recordNamespace = recordNamespace;
    AvroSchemas.toAvroSchema(schema, recordName, recordNamespace); // fail on the driver, early
  }

  /**
   * {@code name} as one of {@link #CODECS}, ignoring case.
   *
   * @param origin where the name comes from, for the error
   */
  public static String codec(String name, String origin) {
    return CompressionOption.check("Avro", origin, name, CODECS);
  }

  @Override
  public String extension() {
    return ".avro";
  }

  @Override
  public RowFileWriter create(Path file, FileSystem fs, Configuration conf) throws IOException {
    Schema avro = AvroSchemas.toAvroSchema(schema, recordName, recordNamespace);
    OutputStream out = fs.create(file, false);
    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(avro));
    try {
      writer.setCodec(factory(codec));
      writer.create(avro, out);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
    return new RowFileWriter() {
      @Override
      public void write(InternalRow row) throws IOException {
        writer.append(AvroSchemas.toRecord(row, schema, avro));
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  private static CodecFactory factory(String codec) {
    return switch (codec) {
      case "uncompressed" -> CodecFactory.nullCodec();
      case "snappy" -> CodecFactory.snappyCodec();
      case "deflate" -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case "bzip2" -> CodecFactory.bzip2Codec();
      case "xz" -> CodecFactory.xzCodec(CodecFactory.DEFAULT_XZ_LEVEL);
      case "zstandard" -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
      default -> throw new IllegalArgumentException("Unknown Avro codec " + codec);
    };
  }
}
