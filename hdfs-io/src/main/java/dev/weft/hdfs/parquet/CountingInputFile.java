package dev.weft.hdfs.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An {@link InputFile} that counts the bytes actually read from the file it wraps, over all the
 * streams opened on it: what Parquet's reader fetched, not what it decoded.
 */
public final class CountingInputFile implements InputFile {
  private final InputFile file;
  private final AtomicLong bytesRead = new AtomicLong();

  /** Counts the bytes read from {@code file}. */
  public CountingInputFile(InputFile file) {
    this.file = file;
  }

  /** The bytes read so far through all streams of this file. */
  public long bytesRead() {
    return bytesRead.get();
  }

  @Override
  public long getLength() throws IOException {
    return file.getLength();
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new CountingStream(file.newStream());
  }

  @Override
  public String toString() {
    return file.toString();
  }

  /** Adds every byte read through it to the file's count; seeks and skips read nothing. */
  private final class CountingStream extends SeekableInputStream {
    private final SeekableInputStream in;

    CountingStream(SeekableInputStream in) {
      this.in = in;
    }

    private void add(long bytes) {
      if (bytes > 0) {
        bytesRead.addAndGet(bytes);
      }
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public void seek(long newPos) throws IOException {
      in.seek(newPos);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      add(b >= 0 ? 1 : 0);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      add(n);
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      in.readFully(bytes);
      add(bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      in.readFully(bytes, start, len);
      add(len);
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      int n = in.read(buf);
      add(n);
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      int wanted = buf.remaining();
      in.readFully(buf);
      add(wanted);
    }

    @Override
    public boolean readVectoredAvailable(ByteBufferAllocator allocator) {
      return in.readVectoredAvailable(allocator);
    }

    @Override
    public void readVectored(List<ParquetFileRange> ranges, ByteBufferAllocator allocator)
        throws IOException {
      in.readVectored(ranges, allocator);
      for (ParquetFileRange range : ranges) {
        add(range.getLength());
      }
    }

    @Override
    public long skip(long n) throws IOException {
      return in.skip(n);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
