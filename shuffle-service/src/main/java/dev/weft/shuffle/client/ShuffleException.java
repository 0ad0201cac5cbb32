package dev.weft.shuffle.client;

import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.IOException;

/**
 * The shuffle service refused a request or a connection, or could not be reached. The message names
 * the node and what was expected and found.
 */
public class ShuffleException extends IOException {
  private final String node;
  private final ErrorCode code;

  /**
   * @param message one line naming what failed
   * @param node the shuffle service's address
   * @param code the server's error code, or null when the failure was not a server's answer
   * @param cause the underlying failure, or null
   */
  public ShuffleException(String message, String node, ErrorCode code, Throwable cause) {
    super(message, cause);
    this.node = node;
    this.code = code;
  }

  /** The shuffle service's address (host:port). */
  public String node() {
    return node;
  }

  /** The server's error code, or null when the failure was not a server's answer. */
  public ErrorCode code() {
    return code;
  }
}
