package dev.weft.sql.expr.datetime;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's datetime patterns ({@code yyyy-MM-dd HH:mm:ss.SSS}, see Spark's "Datetime Patterns") on
 * {@link DateTimeFormatter}, with Spark's adjustments: {@code y} reads as proleptic year {@code u}
 * (unless the pattern has an era {@code G}), parsing ignores case and is strict (an impossible date
 * does not parse), missing fields default to 1970-01-01 00:00:00, and the week-based letters
 * ({@code Y w W u e c}) and {@code A n N p} are refused, as Spark 3+ refuses them.
 */
public final class DateTimeFormats {
  private DateTimeFormats() {}

  private static final Map<String, DateTimeFormatter> CACHE = new ConcurrentHashMap<>();
  private static final String WEEK_BASED = "YwWuec";
  private static final String UNSUPPORTED = "AnNp";

  /**
   * The formatter of a Spark pattern.
   *
   * @throws IllegalArgumentException naming the pattern and the letter it cannot use
   */
  public static DateTimeFormatter formatter(String pattern) {
    DateTimeFormatter f = CACHE.get(pattern);
    if (f == null) {
      f = build(pattern);
      if (CACHE.size() > 1024) {
        CACHE.clear();
      }
      CACHE.put(pattern, f);
    }
    return f;
  }

  private static DateTimeFormatter build(String pattern) {
    String[] parts = (pattern + " ").split("'", -1);
    boolean era = false;
    for (int i = 0; i < parts.length; i += 2) {
      era |= parts[i].indexOf('G') >= 0;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i % 2 == 0) {
        for (char c : part.toCharArray()) {
          if (WEEK_BASED.indexOf(c) >= 0) {
            throw new IllegalArgumentException(
                "The datetime pattern '"
                    + pattern
                    + "' uses the week-based letter '"
                    + c
                    + "', which is not supported; use the ISO letters (y, M, d, E)");
          }
          if (UNSUPPORTED.indexOf(c) >= 0) {
            throw new IllegalArgumentException(
                "The datetime pattern '" + pattern + "' uses the unsupported letter '" + c + "'");
          }
        }
        part = era ? part : part.replace('y', 'u');
      }
      if (i > 0) {
        b.append('\'');
      }
      b.append(part);
    }
    String converted = b.substring(0, b.length() - 1);
    try {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(converted)
          .toFormatter(Locale.US)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid datetime pattern '" + pattern + "': " + e.getMessage(), e);
    }
  }

  /** A timestamp formatted in a zone. */
  public static String format(long micros, String pattern, ZoneId zone) {
    return formatter(pattern).format(DateTimeUtils.toInstant(micros).atZone(zone));
  }

  /**
   * The timestamp of a string parsed with a pattern, local fields in {@code zone} unless the
   * pattern reads a zone or offset; null when the string does not match the pattern.
   */
  public static Long parseTimestamp(String s, String pattern, ZoneId zone) {
    try {
      TemporalAccessor t = formatter(pattern).parse(s);
      LocalDateTime local = LocalDateTime.of(localDate(t), localTime(t));
      ZoneId z = t.query(TemporalQueries.zone());
      return DateTimeUtils.toMicros(local.atZone(z != null ? z : zone).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** The date of a string parsed with a pattern; null when it does not match. */
  public static Integer parseDate(String s, String pattern) {
    try {
      return (int) localDate(formatter(pattern).parse(s)).toEpochDay();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static LocalDate localDate(TemporalAccessor t) {
    LocalDate d = t.query(TemporalQueries.localDate());
    if (d != null) {
      return d;
    }
    int year = t.isSupported(ChronoField.YEAR) ? t.get(ChronoField.YEAR) : 1970;
    int month = t.isSupported(ChronoField.MONTH_OF_YEAR) ? t.get(ChronoField.MONTH_OF_YEAR) : 1;
    if (t.isSupported(ChronoField.DAY_OF_YEAR)) {
      return LocalDate.ofYearDay(year, t.get(ChronoField.DAY_OF_YEAR));
    }
    int day = t.isSupported(ChronoField.DAY_OF_MONTH) ? t.get(ChronoField.DAY_OF_MONTH) : 1;
    return LocalDate.of(year, month, day);
  }

  private static LocalTime localTime(TemporalAccessor t) {
    LocalTime time = t.query(TemporalQueries.localTime());
    if (time != null) {
      return time;
    }
    int hour = 0;
    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
      hour = t.get(ChronoField.HOUR_OF_DAY);
    } else if (t.isSupported(ChronoField.HOUR_OF_AMPM)) {
      hour =
          t.get(ChronoField.HOUR_OF_AMPM)
              + (t.isSupported(ChronoField.AMPM_OF_DAY) ? 12 * t.get(ChronoField.AMPM_OF_DAY) : 0);
    }
    int minute = t.isSupported(ChronoField.MINUTE_OF_HOUR) ? t.get(ChronoField.MINUTE_OF_HOUR) : 0;
    int second =
        t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0;
    int nano = t.isSupported(ChronoField.NANO_OF_SECOND) ? t.get(ChronoField.NANO_OF_SECOND) : 0;
    return LocalTime.of(hour, minute, second, nano);
  }
}
