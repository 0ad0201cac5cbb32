package dev.weft.shuffle.client;

import dev.weft.shuffle.protocol.proto.ErrorCode;

/**
 * Blocks could not be fetched: the service answered with an error (missing or malformed file,
 * unknown executor) or stayed unreachable after the retries. The engine treats it as a fetch
 * failure of the map output and recomputes it.
 */
public class BlockFetchException extends ShuffleException {
  private final FetchRequest request;

  public BlockFetchException(
      String message, String node, ErrorCode code, FetchRequest request, Throwable cause) {
    super(message, node, code, cause);
    this.request = request;
  }

  /** The request that failed: its shuffle, map and reduce ids name the lost map output. */
  public FetchRequest request() {
    return request;
  }
}
