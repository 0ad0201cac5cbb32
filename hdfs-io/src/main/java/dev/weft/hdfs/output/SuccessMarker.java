package dev.weft.hdfs.output;

import java.io.IOException;

/**
 * The {@code _SUCCESS} file job commit writes last. Its presence is what readers check; its content
 * records, as {@code key=value} lines, which job committed ({@code job=}) and, when the destination
 * holds nothing but output of one job and of later appends, that job ({@code owner=}). A later
 * attempt of the same application uses the owner to recognize a destination that an earlier attempt
 * of it wrote, and replaces it instead of failing.
 */
final class SuccessMarker {
  private SuccessMarker() {}

  static void write(OutputFiles files, OutputLayout layout, String jobId, String owner)
      throws IOException {
    String text = "job=" + jobId + "\n" + (owner == null ? "" : "owner=" + owner + "\n");
    files.write(layout.successMarker(), text);
  }

  /** The owner named by the destination's {@code _SUCCESS}, or null. */
  static String ownerOrNull(OutputFiles files, OutputLayout layout) throws IOException {
    for (String line : files.readLinesOrEmpty(layout.successMarker())) {
      if (line.startsWith("owner=")) {
        return line.substring("owner=".length()).trim();
      }
    }
    return null;
  }
}
