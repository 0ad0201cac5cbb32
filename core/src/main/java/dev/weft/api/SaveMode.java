package dev.weft.api;

import java.util.Locale;

/** What writing to an existing destination does. */
public enum SaveMode {
  /** Fail before the job runs if the destination exists (the default). */
  ERROR_IF_EXISTS,
  /**
   * Replace the destination's contents, at job commit only: a failed job leaves them as they were.
   */
  OVERWRITE,
  /** Add new files next to the existing ones, with names that cannot clash. */
  APPEND;

  /**
   * Parses Spark's names too: {@code error}, {@code errorifexists}, {@code overwrite}, {@code
   * append}.
   */
  public static SaveMode parse(String mode) {
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "error", "errorifexists", "error_if_exists", "default":
        return ERROR_IF_EXISTS;
      case "overwrite":
        return OVERWRITE;
      case "append":
        return APPEND;
      default:
        throw new IllegalArgumentException(
            "Unknown save mode '" + mode + "'; expected error, overwrite or append");
    }
  }

  dev.weft.hdfs.output.SaveMode toOutputMode() {
    return switch (this) {
      case ERROR_IF_EXISTS -> dev.weft.hdfs.output.SaveMode.ERROR_IF_EXISTS;
      case OVERWRITE -> dev.weft.hdfs.output.SaveMode.OVERWRITE;
      case APPEND -> dev.weft.hdfs.output.SaveMode.APPEND;
    };
  }
}
