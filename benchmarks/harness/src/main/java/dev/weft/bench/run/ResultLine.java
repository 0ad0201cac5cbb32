package dev.weft.bench.run;

import dev.weft.bench.RunnerReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the {@code key=value} result lines runners print ({@code BENCH-RESULT ...}). */
public final class ResultLine {
  private ResultLine() {}

  /**
   * The fields of the last line of {@code stdout} starting with {@code prefix} and a space, or null
   * when there is none.
   */
  public static Map<String, String> find(List<ProcessRun.Line> stdout, String prefix) {
    Map<String, String> fields = null;
    for (ProcessRun.Line line : stdout) {
      if (line.text().startsWith(prefix + " ")) {
        fields = parse(line.text().substring(prefix.length() + 1));
      }
    }
    return fields;
  }

  /** The {@code key=value} pairs of {@code text}, separated by spaces. */
  public static Map<String, String> parse(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : text.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return fields;
  }

  /**
   * The runner's {@code millis} and {@code peakRssKb} from a {@link RunnerReport} line.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static RunOutcome outcome(List<ProcessRun.Line> stdout) {
    Map<String, String> fields = find(stdout, RunnerReport.PREFIX);
    if (fields == null) {
      throw new IllegalArgumentException("no " + RunnerReport.PREFIX + " line on stdout");
    }
    return new RunOutcome(number(fields, "millis"), number(fields, "peakRssKb"), null);
  }

  /** The long field {@code key} of {@code fields}. */
  public static long number(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("result line has no " + key + "=");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "result line has " + key + "=" + value + ", expected an integer");
    }
  }
}
