package dev.weft.bench.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code key<TAB>value} lines, the format of the keyed outputs and expected results. */
public final class KeyedLines {
  private KeyedLines() {}

  /**
   * Reads the lines of {@code files} into a map.
   *
   * @throws CheckFailure naming {@code workload}, the file and line, for a line without a tab or a
   *     key seen twice
   */
  public static Map<String, String> read(String workload, List<Path> files)
      throws CheckFailure, IOException {
    Map<String, String> values = new HashMap<>();
    for (Path file : files) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          int tab = line.lastIndexOf('\t');
          if (tab < 0) {
            throw new CheckFailure(
                workload + ": " + where(file, number) + " '" + clip(line) + "' has no tab");
          }
          String key = line.substring(0, tab);
          if (values.put(key, line.substring(tab + 1)) != null) {
            throw new CheckFailure(
                workload + ": " + where(file, number) + " key '" + clip(key) + "' appears twice");
          }
        }
      }
    }
    return values;
  }

  static String where(Path file, long line) {
    return file.getFileName() + " line " + line;
  }

  /** {@code text}, shortened for a one-line message. */
  static String clip(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
