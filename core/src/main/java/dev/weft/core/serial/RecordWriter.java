package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import java.io.Closeable;
import java.io.OutputStream;

/** Writes records one after another to a stream with one borrowed Kryo instance. */
public final class RecordWriter implements Closeable {
  private final KryoSerializer serializer;
  private final Kryo kryo;
  private final Output output;
  private boolean closed;

  RecordWriter(KryoSerializer serializer, OutputStream out, int bufferSize) {
    this.serializer = serializer;
    this.kryo = serializer.borrow();
    this.output = new Output(out, bufferSize);
  }

  public void write(Object record) {
    try {
      kryo.writeClassAndObject(output, record);
    } catch (KryoException e) {
      throw new SerializationException("Cannot serialize " + KryoSerializer.describe(record), e);
    }
  }

  /** Bytes written so far, including those still buffered. */
  public long position() {
    return output.total();
  }

  /** Pushes buffered bytes to the underlying stream. */
  public void flush() {
    output.flush();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        output.close();
      } finally {
        serializer.release(kryo);
      }
    }
  }
}
