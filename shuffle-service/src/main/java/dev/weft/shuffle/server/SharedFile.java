package dev.weft.shuffle.server;

import io.netty.channel.DefaultFileRegion;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An open data file shared by the regions of its blocks that are being sent; closed when the
 * request and every region of it are done.
 */
final class SharedFile extends AbstractReferenceCounted {
  private final FileChannel channel;

  SharedFile(FileChannel channel) {
    this.channel = channel;
  }

  FileChannel channel() {
    return channel;
  }

  /** A zero-copy region of this file that holds the file open until it is sent. */
  DefaultFileRegion region(long position, long count) {
    retain();
    return new Region(this, position, count);
  }

  @Override
  protected void deallocate() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a read-only channel loses nothing.
    }
  }

  @Override
  public ReferenceCounted touch(Object hint) {
    return this;
  }

  /** A region that releases the shared file instead of closing the channel. */
  private static final class Region extends DefaultFileRegion {
    private final SharedFile file;

    Region(SharedFile file, long position, long count) {
      super(file.channel, position, count);
      this.file = file;
    }

    @Override
    protected void deallocate() {
      file.release();
    }
  }
}
