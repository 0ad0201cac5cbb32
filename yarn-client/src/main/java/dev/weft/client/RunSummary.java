package dev.weft.client;

import dev.weft.core.scheduler.Locality;
import dev.weft.yarn.am.DriverStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary {@code yarn-submit} prints when an application ended: duration, jobs, stages and
 * tasks, bytes in and out, shuffle, spill, locality, and where its history is.
 */
final class RunSummary {
  private RunSummary() {}

  /**
   * The summary's lines.
   *
   * @param app the application, e.g. {@code application_1_0001 (FINISHED, SUCCEEDED)}
   * @param durationMillis how long it ran, or a negative number when unknown
   * @param totals the driver's last totals, or null when it reported none
   * @param historyUrl the application's page on the history server, or null
   */
  static List<String> lines(
      String app, long durationMillis, DriverStatus.Totals totals, String historyUrl) {
    List<String> lines = new ArrayList<>();
    lines.add("Summary of " + app + ":");
    if (durationMillis >= 0) {
      add(lines, "duration", ConsoleFormat.duration(durationMillis));
    }
    if (totals == null) {
      add(lines, "figures", "none: the driver reported no totals before it ended");
    } else {
      add(lines, "jobs", outcome(totals.jobsSucceeded(), totals.jobsFailed()));
      add(lines, "stages", outcome(totals.stagesSucceeded(), totals.stagesFailed()));
      add(lines, "tasks", outcome(totals.tasksSucceeded(), totals.tasksFailed()));
      add(lines, "input", volume(totals.inputBytes(), totals.inputRecords()));
      add(lines, "output", volume(totals.outputBytes(), totals.outputRecords()));
      add(
          lines,
          "shuffle",
          "read "
              + ConsoleFormat.bytes(totals.shuffleReadBytes())
              + ", written "
              + ConsoleFormat.bytes(totals.shuffleWriteBytes()));
      add(
          lines,
          "spilled",
          ConsoleFormat.bytes(totals.diskBytesSpilled())
              + " to disk ("
              + ConsoleFormat.bytes(totals.memoryBytesSpilled())
              + " of memory)");
      add(lines, "locality", locality(totals.tasksByLocality()));
    }
    if (historyUrl != null) {
      add(lines, "history", historyUrl);
    }
    return lines;
  }

  private static void add(List<String> lines, String label, String value) {
    lines.add("  " + label + " ".repeat(Math.max(1, 10 - label.length())) + value);
  }

  private static String outcome(long succeeded, long failed) {
    return ConsoleFormat.count(succeeded)
        + " succeeded, "
        + ConsoleFormat.count(failed)
        + " failed";
  }

  private static String volume(long bytes, long records) {
    return ConsoleFormat.bytes(bytes)
        + ", "
        + ConsoleFormat.count(records)
        + (records == 1 ? " record" : " records");
  }

  /**
   * The share of successful tasks at each locality level, best level first, e.g. {@code NODE_LOCAL
   * 92%, ANY 8%}; a share below one percent shows as {@code <1%}.
   */
  static String locality(Map<String, Long> byLevel) {
    long total = byLevel.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return "no tasks";
    }
    List<String> parts = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    for (Locality l : Locality.values()) {
      levels.add(l.name());
    }
    byLevel.keySet().stream().filter(k -> !levels.contains(k)).sorted().forEach(levels::add);
    for (String level : levels) {
      long n = byLevel.getOrDefault(level, 0L);
      if (n > 0) {
        long percent = Math.round(100.0 * n / total);
        parts.add(level + " " + (percent == 0 ? "<1" : percent) + "%");
      }
    }
    return String.join(", ", parts);
  }

  /**
   * The page of an application attempt on the history server at {@code address} ({@code host:port}
   * or a URL), or null when there is none.
   *
   * @param logName the attempt's event log name ({@code EventLogWriter.fileName}), which names its
   *     page on the history server as the ApplicationMaster's final tracking URL does
   */
  static String historyUrl(String address, String logName) {
    if (address == null || address.isBlank()) {
      return null;
    }
    String base = address.strip();
    if (!base.contains("://")) {
      base = "http://" + base;
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/history/" + logName + "/";
  }
}
