package dev.weft.bench.gen;

import dev.weft.bench.DataLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared helpers of the generators: part counts and buffered part files. */
final class PartWriter {
  /** Large buffers: the generators write hundreds of megabytes a record at a time. */
  static final int BUFFER = 1 << 20;

  private PartWriter() {}

  /** Number of parts for {@code total} units at about {@code perPart} each: at least 2. */
  static int parts(long total, long perPart) {
    return (int) Math.max(2, (total + perPart - 1) / perPart);
  }

  /** Opens part {@code index} of {@code dir} for writing. */
  static OutputStream open(Path dir, int index, String suffix) throws IOException {
    Files.createDirectories(dir);
    return new BufferedOutputStream(
        Files.newOutputStream(dir.resolve(DataLayout.partName(index, suffix))), BUFFER);
  }

  /** The share of {@code total} that part {@code index} of {@code parts} gets. */
  static long share(long total, int parts, int index) {
    return total / parts + (index < total % parts ? 1 : 0);
  }
}
