package dev.weft.sql.expr.datetime;

import static dev.weft.sql.expr.Exprs.days;
import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.types.DataTypes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.Test;

public class DateTimeFunctionsTest {

  private static Literal date(String iso) {
    return lit(LocalDate.parse(iso));
  }

  private static Literal ts(String instant) {
    return lit(Instant.parse(instant));
  }

  private static Object part(String iso, DatePart.Field f) {
    return eval(new DatePart(date(iso), f));
  }

  @Test
  public void datePartsIncludingBefore1970AndLeapDays() {
    assertEquals(1969, part("1969-12-31", DatePart.Field.YEAR));
    assertEquals(12, part("1969-12-31", DatePart.Field.MONTH));
    assertEquals(31, part("1969-12-31", DatePart.Field.DAYOFMONTH));
    assertEquals(29, part("2024-02-29", DatePart.Field.DAYOFMONTH));
    assertEquals(60, part("2024-02-29", DatePart.Field.DAYOFYEAR));
    assertEquals(1, part("2026-01-04", DatePart.Field.DAYOFWEEK)); // a Sunday
    assertEquals(7, part("2026-01-03", DatePart.Field.DAYOFWEEK)); // a Saturday
    assertEquals(4, part("2026-11-30", DatePart.Field.QUARTER));
    assertEquals(53, part("2021-01-01", DatePart.Field.WEEKOFYEAR));
    assertNull(eval(new DatePart(nul(DataTypes.DateType), DatePart.Field.YEAR)));
    assertEquals(
        "year(DATE '2026-01-02')", new DatePart(date("2026-01-02"), DatePart.Field.YEAR).sql());
  }

  @Test
  public void timePartsAreInTheSessionZone() {
    Expression t = ts("2026-01-02T23:30:15.5Z");
    assertEquals(23, eval(new TimePart(t, TimePart.Field.HOUR)));
    assertEquals(30, eval(new TimePart(t, TimePart.Field.MINUTE)));
    assertEquals(15, eval(new TimePart(t, TimePart.Field.SECOND)));
    assertEquals(8, eval(new TimePart(t, TimePart.Field.HOUR).withTimeZone("Asia/Tokyo")));
    assertEquals(23, eval(new TimePart(ts("1969-12-31T23:00:00Z"), TimePart.Field.HOUR)));
  }

  @Test
  public void dateArithmetic() {
    assertEquals(days("2024-03-01"), eval(new DateAdd(date("2024-02-28"), lit(2))));
    assertEquals(days("1969-12-31"), eval(new DateAdd(date("1970-01-01"), lit(1), true)));
    assertEquals(days("2024-02-29"), eval(new DateAdd(date("2024-03-01"), lit((short) 1), true)));
    assertEquals(366, eval(new DateDiff(date("2025-01-01"), date("2024-01-01"))));
    assertEquals(-1, eval(new DateDiff(date("1969-12-31"), date("1970-01-01"))));
    assertNull(eval(new DateAdd(date("2024-02-28"), nul(DataTypes.IntegerType))));
    assertEquals(
        "date_sub(DATE '2024-03-01', 1)", new DateAdd(date("2024-03-01"), lit(1), true).sql());
  }

  @Test
  public void dateFormatUsesSparkPatternLetters() {
    Expression t = ts("2026-01-02T03:04:05.123456Z");
    assertEquals("2026-01-02 03:04:05", eval(new DateFormat(t, lit("yyyy-MM-dd HH:mm:ss"))));
    assertEquals("02/01/26", eval(new DateFormat(t, lit("dd/MM/yy"))));
    assertEquals("Fri Jan 2 2026", eval(new DateFormat(t, lit("EEE MMM d yyyy"))));
    assertEquals("03:04:05.123", eval(new DateFormat(t, lit("HH:mm:ss.SSS"))));
    assertEquals("3 AM", eval(new DateFormat(t, lit("h a"))));
    assertEquals("at 03h", eval(new DateFormat(t, lit("'at' HH'h'"))));
    assertEquals(
        "2026-01-02 04:04",
        eval(new DateFormat(t, lit("yyyy-MM-dd HH:mm")).withTimeZone("+01:00")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> eval(new DateFormat(t, lit("YYYY-ww"))));
    assertTrue(e.getMessage(), e.getMessage().contains("week-based"));
  }

  @Test
  public void toDateAndToTimestampParseWithPatternsOrLikeCast() {
    ParseToTimestamp.Target date = ParseToTimestamp.Target.DATE;
    ParseToTimestamp.Target timestamp = ParseToTimestamp.Target.TIMESTAMP;
    assertEquals(days("2026-01-02"), eval(new ParseToTimestamp(lit("2026-01-02"), null, date)));
    assertEquals(
        days("2026-01-02"), eval(new ParseToTimestamp(lit("02/01/2026"), lit("dd/MM/yyyy"), date)));
    assertNull(eval(new ParseToTimestamp(lit("2026-01-02"), lit("dd/MM/yyyy"), date)));
    assertNull(eval(new ParseToTimestamp(lit("31/02/2026"), lit("dd/MM/yyyy"), date)));
    assertNull(eval(new ParseToTimestamp(lit("garbage"), null, date)));
    assertEquals(
        days("2026-01-02"), eval(new ParseToTimestamp(ts("2026-01-02T23:00:00Z"), null, date)));
    assertEquals(
        days("2026-01-03"),
        eval(
            new ParseToTimestamp(ts("2026-01-02T23:00:00Z"), null, date)
                .withTimeZone("Asia/Tokyo")));
    assertEquals(
        DateTimeUtils.toMicros(Instant.parse("2026-01-02T03:04:00Z")),
        eval(new ParseToTimestamp(lit("2026-01-02 03:04"), lit("yyyy-MM-dd HH:mm"), timestamp)));
    assertEquals(
        DateTimeUtils.toMicros(Instant.parse("2026-01-02T02:04:00Z")),
        eval(
            new ParseToTimestamp(
                lit("2026-01-02 03:04 +0100"), lit("yyyy-MM-dd HH:mm Z"), timestamp)));
  }

  @Test
  public void unixTimestampIsSecondsSinceTheEpoch() {
    ParseToTimestamp.Target unix = ParseToTimestamp.Target.UNIX_SECONDS;
    assertEquals(86400L, eval(new ParseToTimestamp(lit("1970-01-02 00:00:00"), null, unix)));
    assertEquals(-1L, eval(new ParseToTimestamp(ts("1969-12-31T23:59:59.5Z"), null, unix)));
    assertNull(eval(new ParseToTimestamp(lit("1970-01-02"), null, unix)));
    assertEquals(86400L, eval(new ParseToTimestamp(lit("1970-01-02"), lit("yyyy-MM-dd"), unix)));
  }

  @Test
  public void currentTimeIsReplacedByOneValuePerQuery() {
    Instant start = Instant.parse("2026-01-02T23:30:00Z");
    Expression e =
        new DateDiff(
            CurrentTime.currentDate(), CurrentTime.currentDate().withTimeZone("Asia/Tokyo"));
    assertFalse(e.deterministic());
    Expression fixed = CurrentTime.replaceAll(e, start);
    assertTrue(fixed.deterministic());
    assertTrue(fixed.foldable());
    assertEquals(-1, eval(fixed)); // Tokyo is already on the next day
    Expression now = CurrentTime.replaceAll(CurrentTime.currentTimestamp(), start);
    assertEquals(DateTimeUtils.toMicros(start), eval(now));
    assertEquals(List.of(), fixed.collect(x -> x instanceof CurrentTime));
  }
}
