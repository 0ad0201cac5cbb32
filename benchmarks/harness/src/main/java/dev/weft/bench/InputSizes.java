package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The bytes each workload reads, for its throughput. */
public final class InputSizes {
  private InputSizes() {}

  /** The input bytes of {@code workload} in {@code data}; 0 for trivial. */
  public static long of(Workload workload, DataLayout data) throws IOException {
    return switch (workload) {
      case WORDCOUNT -> size(data.resolve(DataLayout.TEXT));
      case SORT -> size(data.resolve(DataLayout.SORT));
      case ETL, ETL_DF -> size(data.resolve(DataLayout.CUSTOMERS));
      case ETL_JOIN, ETL_JOIN_DF ->
          size(data.resolve(DataLayout.CUSTOMERS)) + size(data.resolve(DataLayout.COUNTRIES));
      case LINEITEM -> size(data.resolve(DataLayout.LINEITEM));
      case PAGERANK -> size(data.resolve(DataLayout.GRAPH));
      case TRIVIAL -> 0;
    };
  }

  /** The total size of the regular files under {@code dir}. */
  static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
