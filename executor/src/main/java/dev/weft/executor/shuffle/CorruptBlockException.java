package dev.weft.executor.shuffle;

import java.io.IOException;

/** A shuffle block's bytes do not match the length or checksum recorded when it was written. */
final class CorruptBlockException extends IOException {
  CorruptBlockException(String message) {
    super(message);
  }
}
