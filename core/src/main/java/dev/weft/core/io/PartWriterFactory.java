package dev.weft.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opens a file writer of one format (Avro, Parquet) for records of one schema. */
public interface PartWriterFactory extends Serializable {

  /** One open output file. */
  interface PartWriter extends Closeable {
    void write(GenericRecord record) throws IOException;

    long bytesWritten();
  }

  /** The file extension, e.g. {@code .parquet}. */
  String extension();

  PartWriter open(Path file, Schema schema, Configuration conf) throws IOException;
}
