package dev.weft.shuffle.internal;

import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.IOException;

/** A frame that breaks the protocol: unknown type, malformed body, unexpected message. */
public final class ProtocolException extends IOException {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
