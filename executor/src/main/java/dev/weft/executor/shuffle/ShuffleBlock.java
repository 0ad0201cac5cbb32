package dev.weft.executor.shuffle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An opened shuffle block.
 *
 * @param stream the block's bytes, exactly {@code length} of them when intact
 * @param length the byte length recorded in the map output's index
 * @param checksum the CRC32C recorded in the map output's index
 * @param location where the bytes come from (file and range, or host and port), for error messages
 */
public record ShuffleBlock(InputStream stream, long length, int checksum, String location)
    implements Closeable {

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
