package dev.weft.sql.expr.datetime;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Dates (days since the epoch) and timestamps (microseconds since the epoch, UTC) as Spark reads
 * and writes them in casts: the accepted string forms, the local fields in a zone, the text forms.
 */
public final class DateTimeUtils {
  private DateTimeUtils() {}

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private static boolean isBlank(char c) {
    return c <= ' ' || Character.isISOControl(c);
  }

  /**
   * The date of a string as Spark's cast reads it, or null: {@code [+-]yyyy[y..]}, {@code
   * yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, optionally followed by a space or {@code T} and anything (a
   * time); surrounding whitespace is ignored; impossible dates ({@code 2026-02-30}) are null.
   */
  public static Integer stringToDate(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isBlank(s.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(s.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return null;
    }
    int[] segments = {1, 1, 1};
    int sign = 1;
    int j = start;
    if (s.charAt(j) == '-' || s.charAt(j) == '+') {
      sign = s.charAt(j) == '-' ? -1 : 1;
      j++;
    }
    int i = 0;
    int value = 0;
    int digits = 0;
    while (j < end && i < 3 && s.charAt(j) != ' ' && s.charAt(j) != 'T') {
      char c = s.charAt(j);
      if (i < 2 && c == '-') {
        if (!validDateDigits(i, digits)) {
          return null;
        }
        segments[i++] = value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return null;
      }
      j++;
    }
    if (!validDateDigits(i, digits) || (i < 2 && j < end)) {
      return null;
    }
    segments[i] = value;
    try {
      return (int) LocalDate.of(sign * segments[0], segments[1], segments[2]).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean validDateDigits(int segment, int digits) {
    return segment == 0 ? digits >= 4 && digits <= 7 : digits > 0 && digits <= 2;
  }

  /**
   * The timestamp of a string as Spark's cast reads it, or null: a date as {@link #stringToDate}
   * reads it, optionally followed by a space or {@code T} and {@code [h]h:[m]m[:[s]s[.ffffff]]}
   * (digits past the sixth are dropped) and a zone ({@code Z}, {@code +01:00}, {@code +0100},
   * {@code UTC}, {@code Europe/Paris}, ...); or a time alone, on today's date. Local times are in
   * {@code zone}.
   */
  public static Long stringToTimestamp(String s, ZoneId zone) {
    String t = s.strip();
    if (t.isEmpty()) {
      return null;
    }
    int sep = -1;
    LocalDate date;
    int colon = t.indexOf(':');
    int dash = t.indexOf('-', 1);
    if (colon > 0 && (dash < 0 || dash > colon) && !t.startsWith("T")) {
      // A time alone, as Spark accepts it: today's date in the zone.
      date = LocalDate.now(zone);
      sep = -1;
    } else {
      if (t.startsWith("T")) {
        return null;
      }
      sep = indexOfSeparator(t);
      Integer days = stringToDate(sep < 0 ? t : t.substring(0, sep));
      if (days == null) {
        return null;
      }
      date = LocalDate.ofEpochDay(days);
      if (sep < 0 || sep == t.length() - 1) {
        return toMicros(date.atStartOfDay(zone).toInstant());
      }
    }
    return parseTimeAndZone(t, sep + 1, date, zone);
  }

  private static int indexOfSeparator(String t) {
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' || c == 'T') {
        return i;
      }
    }
    return -1;
  }

  private static Long parseTimeAndZone(String t, int pos, LocalDate date, ZoneId zone) {
    int[] fields = new int[3];
    int n = t.length();
    int i = pos;
    for (int f = 0; f < 3; f++) {
      int start = i;
      int v = 0;
      while (i < n && i - start < 2 && Character.isDigit(t.charAt(i))) {
        v = v * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return null;
      }
      fields[f] = v;
      if (f < 2 && i < n && t.charAt(i) == ':') {
        i++;
      } else {
        if (f == 0) {
          return null; // an hour needs minutes
        }
        break;
      }
    }
    int micros = 0;
    if (i < n && t.charAt(i) == '.') {
      i++;
      int digits = 0;
      while (i < n && Character.isDigit(t.charAt(i))) {
        if (digits < 6) {
          micros = micros * 10 + (t.charAt(i) - '0');
        }
        digits++;
        i++;
      }
      for (int d = digits; d < 6; d++) {
        micros *= 10;
      }
    }
    ZoneId z = zone;
    String rest = t.substring(i).strip();
    if (!rest.isEmpty()) {
      z = parseZone(rest);
      if (z == null) {
        return null;
      }
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(date, LocalTime.of(fields[0], fields[1], fields[2], micros * 1000));
      return toMicros(local.atZone(z).toInstant());
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** A zone suffix of a timestamp string, or null when it is not one. */
  static ZoneId parseZone(String z) {
    try {
      if (z.equals("Z")) {
        return ZoneOffset.UTC;
      }
      char c = z.charAt(0);
      if (c == '+' || c == '-') {
        String digits = z.substring(1).replace(":", "");
        if (digits.isEmpty()
            || digits.length() > 4
            || !digits.chars().allMatch(Character::isDigit)) {
          return null;
        }
        int hours =
            Integer.parseInt(
                digits.length() <= 2 ? digits : digits.substring(0, digits.length() - 2));
        int minutes =
            digits.length() <= 2 ? 0 : Integer.parseInt(digits.substring(digits.length() - 2));
        int sign = c == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
      return ZoneId.of(z, ZoneId.SHORT_IDS);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** Microseconds since the epoch of an instant. */
  public static long toMicros(Instant t) {
    return Math.addExact(
        Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1000);
  }

  /** The instant of microseconds since the epoch. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
  }

  /** The local date and time of a timestamp in a zone. */
  public static LocalDateTime toLocal(long micros, ZoneId zone) {
    return LocalDateTime.ofInstant(toInstant(micros), zone);
  }

  /** The date of a timestamp in a zone. */
  public static int timestampToDate(long micros, ZoneId zone) {
    if (zone == ZoneOffset.UTC) {
      return (int) Math.floorDiv(micros, MICROS_PER_DAY);
    }
    return (int) toLocal(micros, zone).toLocalDate().toEpochDay();
  }

  /** The timestamp of midnight of a date in a zone. */
  public static long dateToTimestamp(int days, ZoneId zone) {
    ZonedDateTime start = LocalDate.ofEpochDay(days).atStartOfDay(zone);
    return toMicros(start.toInstant());
  }

  /** A date as Spark writes it: {@code 2026-01-02}. */
  public static String dateToString(int days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  /**
   * A timestamp as Spark writes it in a zone: {@code 2026-01-02 03:04:05}, with the fraction of a
   * second when there is one, trailing zeros dropped ({@code 2026-01-02 03:04:05.1234}).
   */
  public static String timestampToString(long micros, ZoneId zone) {
    LocalDateTime t = toLocal(micros, zone);
    StringBuilder b = new StringBuilder(26);
    b.append(t.toLocalDate()).append(' ');
    pad2(b, t.getHour()).append(':');
    pad2(b, t.getMinute()).append(':');
    pad2(b, t.getSecond());
    int fraction = t.getNano() / 1000;
    if (fraction != 0) {
      String f = Integer.toString(fraction + 1_000_000).substring(1);
      int len = f.length();
      while (f.charAt(len - 1) == '0') {
        len--;
      }
      b.append('.').append(f, 0, len);
    }
    return b.toString();
  }

  private static StringBuilder pad2(StringBuilder b, int v) {
    return b.append(v < 10 ? "0" : "").append(v);
  }
}
