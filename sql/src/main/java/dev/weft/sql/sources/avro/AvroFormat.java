package dev.weft.sql.sources.avro;

import dev.weft.hdfs.avro.AvroSplitReader;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.FileFormat;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Avro container files as a format of the structured layer: the schema is the first file's writer
 * schema mapped by {@link AvroTypes}; each record becomes a row of the requested columns (a column
 * a file lacks is null). Filters are left to the engine.
 */
public final class AvroFormat implements FileFormat {
  private static final long serialVersionUID = 1L;

  @Override
  public String shortName() {
    return "avro";
  }

  @Override
  public StructType inferSchema(List<String> files, Configuration conf, Map<String, String> options)
      throws IOException {
    String file = files.get(0);
    long length = new Path(file).getFileSystem(conf).getFileStatus(new Path(file)).getLen();
    try (AvroSplitReader<GenericRecord> r =
        AvroSplitReader.generic(new FileSplit(file, 0, length, new String[0], true), conf)) {
      return AvroTypes.toStructType(r.writerSchema(), file);
    }
  }

  @Override
  public SplitRows open(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    AvroSplitReader<GenericRecord> records = AvroSplitReader.generic(split, conf);
    return new SplitRows() {
      @Override
      public long bytesRead() {
        return records.bytesRead();
      }

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public InternalRow next() {
        return AvroTypes.row(records.next(), required);
      }

      @Override
      public void close() throws IOException {
        records.close();
      }
    };
  }
}
