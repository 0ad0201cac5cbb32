package dev.weft.shuffle.client;

import dev.weft.shuffle.protocol.proto.ErrorCode;

/**
 * Authentication failed: the application is unknown to the service, the secret is wrong, the
 * protocol versions differ, or the server could not prove it knows the secret. Not retried.
 */
public final class ShuffleAuthException extends ShuffleException {
  public ShuffleAuthException(String message, String node, ErrorCode code) {
    super(message, node, code, null);
  }
}
