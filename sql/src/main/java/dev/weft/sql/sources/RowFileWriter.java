package dev.weft.sql.sources;

import dev.weft.sql.expr.InternalRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One output file of a format (Parquet, Avro, text) that a write task fills with rows of the data
 * columns; the file is complete once {@link #close()} returns.
 */
public interface RowFileWriter extends Closeable {

  /** Appends a row of the data columns (partition columns excluded). */
  void write(InternalRow row) throws IOException;

  /** How a format creates its files: shipped to the write tasks, so serializable. */
  interface Factory extends Serializable {

    /** The file name's ending, e.g. {@code .snappy.parquet}, {@code .avro}, {@code .txt.gz}. */
    String extension();

    /**
     * Creates {@code file} (which does not exist yet) for rows of the data columns this factory was
     * made for.
     *
     * @param fs the file system of the output, shared: do not close it
     */
    RowFileWriter create(Path file, FileSystem fs, Configuration conf) throws IOException;
  }
}
