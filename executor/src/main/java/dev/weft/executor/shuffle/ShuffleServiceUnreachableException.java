package dev.weft.executor.shuffle;

import java.io.IOException;

/**
 * A map output's shuffle service could not be reached at all (no connection, or the connection
 * broke, after the fetch retries), as opposed to a service that answered with an error or sent a
 * corrupt block. Every map output that service serves is then lost, not only the one being read.
 */
public final class ShuffleServiceUnreachableException extends IOException {
  public ShuffleServiceUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
