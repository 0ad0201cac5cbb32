package dev.weft.executor.faults;

import dev.weft.core.config.ConfigType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which task attempts a fault hits, written {@code STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT]}: each
 * part a number or {@code *}, and an omitted stage attempt or attempt means any. {@code 1:3:0} is
 * the first attempt of partition 3 of stage 1 in every attempt of the stage; {@code 1.0:3} every
 * attempt of partition 3 in the first attempt of stage 1; {@code *:0:0} the first attempt of
 * partition 0 of every stage. ATTEMPT counts the attempts of the partition within one stage
 * attempt: 0 is the first, 1 a retry or a speculative copy.
 *
 * @param stage a stage id, or {@link #ANY}
 * @param stageAttempt an attempt of the stage, or {@link #ANY}
 * @param partition a partition, or {@link #ANY}
 * @param attempt an attempt of the partition within the stage attempt, or {@link #ANY}
 */
public record TaskPattern(int stage, int stageAttempt, int partition, int attempt) {
  /** Matches every value. */
  public static final int ANY = -1;

  /** What a list of patterns looks like, for error messages. */
  public static final String SYNTAX =
      "comma-separated task patterns STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT], each part a"
          + " number or *, e.g. 1:3:0";

  /** What a list of patterns with optional delays looks like ({@code weft.faults.slowTask}). */
  public static final String DELAYED_SYNTAX =
      "comma-separated task patterns STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT][@DELAY], each part"
          + " a number or *, e.g. 1:3:0@2s";

  /**
   * A pattern with its own delay.
   *
   * @param delay how long the attempts it hits wait, or null for the configured default
   */
  public record Delayed(TaskPattern pattern, Duration delay) {}

  private static final String PART = "(\\d{1,9}|\\*)";
  private static final Pattern ONE =
      Pattern.compile(PART + "(?:\\." + PART + ")?:" + PART + "(?::" + PART + ")?");

  /**
   * Parses a comma-separated list; blank means none.
   *
   * @throws IllegalArgumentException naming the entry that does not match {@link #SYNTAX}
   */
  public static List<TaskPattern> parseList(String list) {
    List<TaskPattern> patterns = new ArrayList<>();
    for (String entry : entries(list)) {
      patterns.add(parseOne(entry, SYNTAX));
    }
    return patterns;
  }

  /**
   * Parses a comma-separated list of patterns, each with an optional {@code @DELAY} (a duration
   * such as {@code 500ms} or {@code 2s}); blank means none.
   *
   * @throws IllegalArgumentException naming the entry that does not match {@link #DELAYED_SYNTAX}
   */
  public static List<Delayed> parseDelayedList(String list) {
    List<Delayed> delayed = new ArrayList<>();
    for (String entry : entries(list)) {
      int at = entry.indexOf('@');
      Duration delay = null;
      if (at >= 0) {
        try {
          delay = ConfigType.DURATION.parse(entry.substring(at + 1).trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "'" + entry + "' has no valid delay after '@'; expected " + DELAYED_SYNTAX);
        }
      }
      delayed.add(
          new Delayed(parseOne(at >= 0 ? entry.substring(0, at) : entry, DELAYED_SYNTAX), delay));
    }
    return delayed;
  }

  /** Whether {@code list} parses as patterns with optional delays. */
  public static boolean isValidDelayedList(String list) {
    try {
      parseDelayedList(list);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> entries(String list) {
    List<String> entries = new ArrayList<>();
    if (list != null && !list.isBlank()) {
      for (String entry : list.split(",", -1)) {
        entries.add(entry.trim());
      }
    }
    return entries;
  }

  private static TaskPattern parseOne(String entry, String syntax) {
    Matcher m = ONE.matcher(entry.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + entry.trim() + "' is not a task pattern; expected " + syntax);
    }
    return new TaskPattern(part(m.group(1)), part(m.group(2)), part(m.group(3)), part(m.group(4)));
  }

  /** Whether {@code list} parses. */
  public static boolean isValidList(String list) {
    try {
      parseList(list);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int part(String s) {
    return s == null || s.equals("*") ? ANY : Integer.parseInt(s);
  }

  /** Whether this pattern hits the given task attempt. */
  public boolean matches(int stageId, int stageAttemptId, int partitionId, int attemptNumber) {
    return hits(stage, stageId)
        && hits(stageAttempt, stageAttemptId)
        && hits(partition, partitionId)
        && hits(attempt, attemptNumber);
  }

  private static boolean hits(int wanted, int actual) {
    return wanted == ANY || wanted == actual;
  }

  @Override
  public String toString() {
    return show(stage)
        + (stageAttempt == ANY ? "" : "." + stageAttempt)
        + ":"
        + show(partition)
        + (attempt == ANY ? "" : ":" + attempt);
  }

  private static String show(int v) {
    return v == ANY ? "*" : Integer.toString(v);
  }
}
