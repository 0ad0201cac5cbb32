package dev.weft.bench.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Keyed decimal results (ETL sums, PageRank ranks): exactly the expected keys, each value within a
 * relative tolerance of the expected one.
 */
public final class NumberCheck implements OutputCheck {
  private final String workload;
  private final String keyNoun;
  private final Path expected;
  private final double tolerance;

  /**
   * A check of {@code workload}'s output.
   *
   * @param keyNoun what a key is, for messages ("country", "node")
   * @param expected the expected {@code key<TAB>value} file
   * @param tolerance the largest accepted {@code |got - expected| / |expected|}
   */
  public NumberCheck(String workload, String keyNoun, Path expected, double tolerance) {
    this.workload = workload;
    this.keyNoun = keyNoun;
    this.expected = expected;
    this.tolerance = tolerance;
  }

  @Override
  public void check(Path output) throws CheckFailure, IOException {
    Map<String, String> want = KeyedLines.read(workload, List.of(expected));
    Map<String, String> got = KeyedLines.read(workload, PartFiles.list(workload, output));
    for (Map.Entry<String, String> e : got.entrySet()) {
      String key = e.getKey();
      String expectedValue = want.get(key);
      if (expectedValue == null) {
        throw new CheckFailure(
            workload + ": " + keyNoun + " '" + KeyedLines.clip(key) + "' is not expected");
      }
      double value;
      try {
        value = Double.parseDouble(e.getValue().strip());
      } catch (NumberFormatException notANumber) {
        throw new CheckFailure(
            workload
                + ": "
                + keyNoun
                + " '"
                + key
                + "' has '"
                + KeyedLines.clip(e.getValue())
                + "', expected a number");
      }
      double want1 = Double.parseDouble(expectedValue);
      double error = Math.abs(value - want1) / Math.max(Math.abs(want1), Double.MIN_NORMAL);
      if (!(error <= tolerance)) {
        throw new CheckFailure(
            String.format(
                "%s: %s '%s' is %s expected %s (relative error %.2g > %.0g)",
                workload, keyNoun, key, e.getValue().strip(), expectedValue, error, tolerance));
      }
    }
    if (got.size() < want.size()) {
      String example =
          want.keySet().stream().filter(k -> !got.containsKey(k)).findFirst().orElseThrow();
      throw new CheckFailure(
          String.format(
              "%s: missing %d of %d results, e.g. %s '%s'",
              workload, want.size() - got.size(), want.size(), keyNoun, example));
    }
  }
}
