package dev.weft.shuffle.layout;

import java.io.File;
import java.io.IOException;

/** A shuffle file is not what the layout says it must be: wrong magic, version, length or sum. */
public final class ShuffleFormatException extends IOException {
  private final File file;

  /**
   * @param file the offending file, named in the message
   * @param problem what was expected and what was found
   */
  public ShuffleFormatException(File file, String problem) {
    super("Invalid shuffle file " + file + ": " + problem);
    this.file = file;
  }

  /** The file that failed validation. */
  public File file() {
    return file;
  }
}
