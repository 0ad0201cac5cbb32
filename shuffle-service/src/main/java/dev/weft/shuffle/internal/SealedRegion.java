package dev.weft.shuffle.internal;

import dev.weft.auth.FrameCipher;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A file region sent encrypted: read a record's worth of plaintext at a time from the region,
 * sealed under sequence numbers reserved when it was written, and handed to the socket. Its size on
 * the wire is known in advance ({@link FrameCipher#sealedLength}), so the transport's progress
 * accounting works as for the plain region; at most one record is held in memory.
 */
final class SealedRegion extends AbstractReferenceCounted implements FileRegion {
  private final FileRegion plain;
  private final FrameCipher cipher;
  private final long count;
  private long nextSequence;
  private long transferred;
  private final ByteBuffer chunk;
  private final ByteBuffer record;

  SealedRegion(FileRegion plain, FrameCipher cipher, long firstSequence) {
    this.plain = plain;
    this.cipher = cipher;
    this.nextSequence = firstSequence;
    this.count = FrameCipher.sealedLength(plain.count());
    int chunkSize = (int) Math.min(FrameCipher.MAX_PLAINTEXT, Math.max(plain.count(), 0));
    this.chunk = ByteBuffer.allocate(chunkSize);
    this.record = ByteBuffer.allocate(chunkSize + FrameCipher.OVERHEAD);
    record.limit(0);
  }

  @Override
  public long position() {
    return 0;
  }

  @Override
  @Deprecated
  public long transfered() {
    return transferred;
  }

  @Override
  public long transferred() {
    return transferred;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long transferTo(WritableByteChannel target, long position) throws IOException {
    if (position != transferred) {
      throw new IllegalArgumentException(
          "expected to continue at byte " + transferred + ", asked for " + position);
    }
    long written = 0;
    while (transferred < count) {
      if (!record.hasRemaining()) {
        sealNext();
      }
      int n = target.write(record);
      written += n;
      transferred += n;
      if (record.hasRemaining()) {
        break; // the socket is full
      }
    }
    return written;
  }

  /** Reads the next chunk of plaintext from the region and seals it into {@code record}. */
  private void sealNext() throws IOException {
    chunk.clear();
    long left = plain.count() - plain.transferred();
    chunk.limit((int) Math.min(chunk.capacity(), left));
    WritableByteChannel into =
        new WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) {
            int n = Math.min(src.remaining(), chunk.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            chunk.put(part);
            src.position(src.position() + n);
            return n;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    while (chunk.hasRemaining()) {
      long n = plain.transferTo(into, plain.transferred());
      if (n <= 0) {
        throw new IOException(
            "shuffle file ended early: expected "
                + plain.count()
                + " bytes in the region, read "
                + plain.transferred());
      }
    }
    chunk.flip();
    record.clear();
    cipher.seal(nextSequence++, chunk, record);
    record.flip();
  }

  @Override
  public FileRegion retain() {
    super.retain();
    return this;
  }

  @Override
  public FileRegion retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public FileRegion touch() {
    return this;
  }

  @Override
  public FileRegion touch(Object hint) {
    return this;
  }

  @Override
  protected void deallocate() {
    plain.release();
  }
}
