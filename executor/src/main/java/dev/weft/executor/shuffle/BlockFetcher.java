package dev.weft.executor.shuffle;

import dev.weft.core.runtime.MapStatus;
import java.io.IOException;

/**
 * Opens shuffle blocks: the bytes that one map output holds for one reduce partition. The local
 * implementation reads this executor's files; a network one asks the shuffle service of the host in
 * the {@link MapStatus}.
 */
public interface BlockFetcher {
  /**
   * Opens block {@code (shuffleId, status.mapId(), reduceId)}.
   *
   * @return the block's bytes with the length and CRC32C recorded when it was written; the caller
   *     verifies them while reading and closes the stream
   * @throws IOException naming the file or address when the block cannot be found or opened
   */
  ShuffleBlock open(int shuffleId, MapStatus status, int reduceId) throws IOException;
}
