package dev.weft.core.io;

import java.io.Closeable;
import java.util.Iterator;

/**
 * The records of one file split, as a format's reader yields them.
 *
 * @param <T> the record type
 */
public interface SplitReader<T> extends Iterator<T>, Closeable {
  /** Bytes read from the file so far, for the task's input metrics. */
  long bytesRead();
}
