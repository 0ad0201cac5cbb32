package dev.weft.bench.check;

import java.io.IOException;
import java.nio.file.Path;

/** Compares a workload's output directory with its expected result. */
public interface OutputCheck {
  /**
   * Checks {@code output}.
   *
   * @throws CheckFailure when the output is wrong, saying how
   * @throws IOException when a file cannot be read
   */
  void check(Path output) throws CheckFailure, IOException;
}
