package dev.weft.bench.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouped decimal results (the line-item query): tab-separated lines whose first {@code keyFields}
 * fields are the group and the rest its aggregates. Exactly the expected groups, each aggregate
 * numerically equal to the expected one, with no tolerance ({@code 25.50} and {@code 25.5} are
 * equal, {@code 25.500001} is not). Lines may come in any order, in any number of part files.
 */
public final class DecimalRowsCheck implements OutputCheck {
  private final String workload;
  private final Path expected;
  private final int keyFields;
  private final List<String> columns;

  /**
   * A check of {@code workload}'s output.
   *
   * @param expected the expected lines
   * @param keyFields how many leading fields form a line's key
   * @param columns the names of the aggregates, for messages
   */
  public DecimalRowsCheck(String workload, Path expected, int keyFields, List<String> columns) {
    this.workload = workload;
    this.expected = expected;
    this.keyFields = keyFields;
    this.columns = List.copyOf(columns);
  }

  @Override
  public void check(Path output) throws CheckFailure, IOException {
    Map<String, String[]> want = read(List.of(expected));
    Map<String, String[]> got = read(PartFiles.list(workload, output));
    for (Map.Entry<String, String[]> e : got.entrySet()) {
      String key = e.getKey();
      String[] expectedValues = want.get(key);
      if (expectedValues == null) {
        throw new CheckFailure(workload + ": group '" + shown(key) + "' is not expected");
      }
      for (int i = 0; i < columns.size(); i++) {
        String value = e.getValue()[i];
        BigDecimal number;
        try {
          number = new BigDecimal(value.strip());
        } catch (NumberFormatException notANumber) {
          throw new CheckFailure(
              workload
                  + ": group '"
                  + shown(key)
                  + "' has "
                  + columns.get(i)
                  + " '"
                  + KeyedLines.clip(value)
                  + "', expected a decimal number");
        }
        if (number.compareTo(new BigDecimal(expectedValues[i])) != 0) {
          throw new CheckFailure(
              workload
                  + ": group '"
                  + shown(key)
                  + "' has "
                  + columns.get(i)
                  + " "
                  + value.strip()
                  + " expected "
                  + expectedValues[i]);
        }
      }
    }
    if (got.size() < want.size()) {
      String example =
          want.keySet().stream().filter(k -> !got.containsKey(k)).findFirst().orElseThrow();
      throw new CheckFailure(
          String.format(
              "%s: missing %d of %d groups, e.g. '%s'",
              workload, want.size() - got.size(), want.size(), shown(example)));
    }
  }

  /** The lines of {@code files} by key; the values are the fields after the key. */
  private Map<String, String[]> read(List<Path> files) throws CheckFailure, IOException {
    int fields = keyFields + columns.size();
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (Path file : files) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          String[] split = line.split("\t", -1);
          if (split.length != fields) {
            throw new CheckFailure(
                String.format(
                    "%s: %s has %d tab-separated fields, expected %d: '%s'",
                    workload,
                    KeyedLines.where(file, number),
                    split.length,
                    fields,
                    KeyedLines.clip(line)));
          }
          String key = String.join("\t", List.of(split).subList(0, keyFields));
          String[] values = List.of(split).subList(keyFields, fields).toArray(new String[0]);
          if (rows.put(key, values) != null) {
            throw new CheckFailure(
                workload
                    + ": "
                    + KeyedLines.where(file, number)
                    + " group '"
                    + shown(key)
                    + "' appears twice");
          }
        }
      }
    }
    return rows;
  }

  private static String shown(String key) {
    return KeyedLines.clip(key.replace('\t', ' '));
  }
}
