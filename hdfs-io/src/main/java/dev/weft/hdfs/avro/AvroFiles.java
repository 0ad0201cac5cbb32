package dev.weft.hdfs.avro;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.hadoop.conf.Configuration;

/** Schema helpers for planning reads of Avro object container files. */
public final class AvroFiles {
  private AvroFiles() {}

  /**
   * The schema an Avro file was written with, read from its header alone.
   *
   * @param path the file, in Hadoop's path string form (e.g. {@link
   *     dev.weft.hdfs.input.FileSplit#path()})
   * @param conf the Hadoop configuration used to reach the file system
   * @throws java.io.FileNotFoundException if the file does not exist, with a message naming it
   * @throws dev.weft.hdfs.CorruptFileException if the file is not Avro or its header is truncated
   *     or unreadable
   */
  public static Schema readSchema(String path, Configuration conf) throws IOException {
    HadoopSeekableInput input = HadoopSeekableInput.open(path, conf);
    try (input;
        DataFileReader<Object> reader = AvroContainer.open(input, new GenericDatumReader<>())) {
      return reader.getSchema();
    }
  }

  /**
   * Checks with Avro's schema compatibility rules that records written with {@code writerSchema}
   * can be read with {@code readerSchema}.
   *
   * @param path the file written with {@code writerSchema}, named in the error
   * @throws dev.weft.hdfs.CorruptFileException (not {@linkplain
   *     dev.weft.hdfs.CorruptFileException#skippable skippable}) if they are incompatible, with a
   *     one-line message naming the file and each incompatibility
   */
  public static void checkReaderSchema(String path, Schema writerSchema, Schema readerSchema) {
    AvroErrors.checkCompatible(path, readerSchema, writerSchema);
  }

  /**
   * Reads the schema of the file at {@code path} and checks that {@code readerSchema} can read it.
   *
   * @return the file's writer schema
   * @throws dev.weft.hdfs.CorruptFileException if the file is not Avro, its header is damaged, or
   *     {@code readerSchema} cannot read it
   * @see #checkReaderSchema(String, Schema, Schema)
   */
  public static Schema checkReaderSchema(String path, Schema readerSchema, Configuration conf)
      throws IOException {
    Schema writerSchema = readSchema(path, conf);
    checkReaderSchema(path, writerSchema, readerSchema);
    return writerSchema;
  }
}
