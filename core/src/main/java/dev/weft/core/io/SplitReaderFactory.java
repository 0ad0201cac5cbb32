package dev.weft.core.io;

import dev.weft.hdfs.input.FileSplit;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens a reader of one format over a file split; shipped to executors inside the scan node.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface SplitReaderFactory<T> extends Serializable {
  SplitReader<T> open(FileSplit split, Configuration conf) throws IOException;
}
