package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.io.Closeable;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads records written by a {@link RecordWriter} until the stream ends. Closes itself (and returns
 * its Kryo instance) when the last record has been read.
 *
 * @param <T> the record type
 */
public final class RecordReader<T> implements Iterator<T>, Closeable {
  private final KryoSerializer serializer;
  private final Kryo kryo;
  private final Input input;
  private boolean closed;

  RecordReader(KryoSerializer serializer, InputStream in, int bufferSize) {
    this.serializer = serializer;
    this.kryo = serializer.borrow();
    this.input = new Input(in, bufferSize);
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (input.end()) {
      close();
      return false;
    }
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return (T) kryo.readClassAndObject(input);
    } catch (KryoException e) {
      close();
      throw new SerializationException("Cannot deserialize a record", e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        input.close();
      } finally {
        serializer.release(kryo);
      }
    }
  }
}
