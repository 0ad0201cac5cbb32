package dev.weft.bench.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The part files of an output directory: regular files whose names start with neither _ nor . */
public final class PartFiles {
  private PartFiles() {}

  /**
   * The part files of {@code dir} in name order.
   *
   * @throws CheckFailure naming {@code workload} when the directory or its part files are missing
   */
  public static List<Path> list(String workload, Path dir) throws CheckFailure, IOException {
    if (!Files.isDirectory(dir)) {
      throw new CheckFailure(workload + ": no output directory " + dir);
    }
    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts =
          files
              .filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String name = f.getFileName().toString();
                    return !name.startsWith("_") && !name.startsWith(".");
                  })
              .sorted()
              .toList();
    }
    if (parts.isEmpty()) {
      throw new CheckFailure(workload + ": no part files in " + dir);
    }
    return parts;
  }
}
