package dev.weft.shuffle.server;

import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.File;

/** A request the server refuses; becomes an error frame naming the code, the message and file. */
final class RequestException extends Exception {
  private final ErrorCode code;
  private final File file;

  RequestException(ErrorCode code, String message, File file) {
    super(message, null, false, false);
    this.code = code;
    this.file = file;
  }

  ErrorCode code() {
    return code;
  }

  /** The file concerned, or null. */
  File file() {
    return file;
  }
}
