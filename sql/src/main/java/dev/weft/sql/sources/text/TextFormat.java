package dev.weft.sql.sources.text;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.TextSplitReader;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.FileFormat;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Text files as Spark's {@code text} format reads them: one row per line, in one column {@code
 * value: string} (plus any partition columns); compressed files are decompressed by their
 * extension, and splits of uncompressed files start at the first line beginning in them.
 */
public final class TextFormat implements FileFormat {
  private static final long serialVersionUID = 1L;

  /** The schema of every text table: {@code value: string}. */
  public static final StructType SCHEMA =
      StructType.of(DataTypes.createStructField("value", DataTypes.StringType, true));

  @Override
  public String shortName() {
    return "text";
  }

  @Override
  public StructType inferSchema(
      List<String> files, Configuration conf, Map<String, String> options) {
    return SCHEMA;
  }

  @Override
  public SplitRows open(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    TextSplitReader lines = new TextSplitReader(split, conf);
    boolean value = required.size() == 1;
    return new SplitRows() {
      @Override
      public long bytesRead() {
        return lines.bytesRead();
      }

      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public InternalRow next() {
        String line = lines.next();
        return value ? new InternalRow(line) : new InternalRow();
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }
}
