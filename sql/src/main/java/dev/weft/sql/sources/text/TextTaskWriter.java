package dev.weft.sql.sources.text;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.CompressionOption;
import dev.weft.sql.sources.RowFileWriter;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Text files of DataFrame rows as Spark's {@code text} format writes them: the one string column,
 * one line per row in UTF-8 ending with a newline (a null is an empty line), compressed with one of
 * Hadoop's codecs by Spark's names ({@code .txt.gz}, ...), which the text reader recognises by
 * extension.
 */
public final class TextTaskWriter implements RowFileWriter.Factory {
  private static final long serialVersionUID = 1L;

  /**
   * The codecs of Spark's {@code compression} option for text, in its names. Spark's {@code lz4} is
   * left out: Hadoop's codec needs lz4-java, which Weft does not ship.
   */
  public static final List<String> CODECS =
      List.of("none", "uncompressed", "bzip2", "deflate", "gzip", "snappy");

  private static final Map<String, String> HADOOP_CODECS =
      Map.of(
          "bzip2", "org.apache.hadoop.io.compress.BZip2Codec",
          "deflate", "org.apache.hadoop.io.compress.DefaultCodec",
          "gzip", "org.apache.hadoop.io.compress.GzipCodec",
          "snappy", "org.apache.hadoop.io.compress.SnappyCodec");

  private final String codec;

  /**
   * @param codec one of {@link #CODECS}
   */
  public TextTaskWriter(String codec) {
    this.codec = codec;
  }

  /**
   * Checks Spark's rule for text output: the data columns (partition columns excluded) are exactly
   * one column, of type string.
   *
   * @throws IllegalArgumentException in one line, naming the columns found
   */
  public static void checkSchema(StructType data) {
    if (data.size() != 1) {
      throw new IllegalArgumentException(
          "Text data source supports only a single column, and you have "
              + data.size()
              + " columns: "
              + data.simpleString());
    }
    DataType t = data.field(0).dataType();
    if (t.kind() != DataType.Kind.STRING) {
      throw new IllegalArgumentException(
          "Text data source does not support "
              + t.simpleString()
              + " data type (column "
              + data.field(0).name()
              + "); expected a single string column");
    }
  }

  /**
   * {@code name} as one of {@link #CODECS}, ignoring case.
   *
   * @param origin where the name comes from, for the error
   */
  public static String codec(String name, String origin) {
    return CompressionOption.check("text", origin, name, CODECS);
  }

  @Override
  public String extension() {
    CompressionCodec c = hadoopCodec(new Configuration(false));
    return ".txt" + (c == null ? "" : c.getDefaultExtension());
  }

  private CompressionCodec hadoopCodec(Configuration conf) {
    String className = HADOOP_CODECS.get(codec);
    if (className == null) {
      return null;
    }
    try {
      return (CompressionCodec) ReflectionUtils.newInstance(Class.forName(className), conf);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Hadoop codec " + className + " is not on the classpath", e);
    }
  }

  @Override
  public RowFileWriter create(Path file, FileSystem fs, Configuration conf) throws IOException {
    CompressionCodec c = hadoopCodec(conf);
    OutputStream raw = fs.create(file, false);
    OutputStream out;
    try {
      out = new BufferedOutputStream(c == null ? raw : c.createOutputStream(raw), 64 * 1024);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return new RowFileWriter() {
      @Override
      public void write(InternalRow row) throws IOException {
        Object v = row.get(0);
        if (v != null) {
          out.write(((String) v).getBytes(StandardCharsets.UTF_8));
        }
        out.write('\n');
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
