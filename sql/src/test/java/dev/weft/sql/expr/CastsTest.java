package dev.weft.sql.expr;

import static dev.weft.sql.expr.Exprs.dec;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.datetime.DateTimeUtils;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CastsTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;

  private static Object fromString(String s, DataType to) {
    return Casts.cast(s, STRING, to);
  }

  private static String text(Object v, DataType from) {
    return (String) Casts.cast(v, from, STRING);
  }

  private static long micros(String instant) {
    return DateTimeUtils.toMicros(Instant.parse(instant));
  }

  @Test
  public void narrowingIntegralCastsWrap() {
    assertEquals(-2147483648, Casts.cast(2147483648L, LONG, INT));
    assertEquals((byte) -56, Casts.cast(200, INT, DataTypes.ByteType));
    assertEquals((short) -32768, Casts.cast(32768, INT, DataTypes.ShortType));
  }

  @Test
  public void fractionalToIntegralTruncatesTowardZeroAndSaturates() {
    assertEquals(-1, Casts.cast(-1.9, DOUBLE, INT));
    assertEquals(Integer.MAX_VALUE, Casts.cast(1e20, DOUBLE, INT));
    assertEquals(Long.MIN_VALUE, Casts.cast(-1e30, DOUBLE, LONG));
    assertEquals(0, Casts.cast(Double.NaN, DOUBLE, INT));
    // to tinyint: saturate to int first, then wrap, as Spark's toInt.toByte
    assertEquals((byte) -1, Casts.cast(1e20, DOUBLE, DataTypes.ByteType));
    assertEquals(12, Casts.cast(dec("12.99"), DataTypes.createDecimalType(4, 2), INT));
  }

  @Test
  public void stringsToIntegersAcceptSpacesSignsAndADroppedFraction() {
    assertEquals(12, fromString(" 12 ", INT));
    assertEquals(-7, fromString("-7", INT));
    assertEquals(7, fromString("+7", INT));
    assertEquals(1, fromString("1.9", INT));
    assertEquals(Long.MIN_VALUE, fromString("-9223372036854775808", LONG));
  }

  @Test
  public void malformedOrOutOfRangeStringsAreNullForIntegers() {
    assertNull(fromString("1e5", INT));
    assertNull(fromString("abc", INT));
    assertNull(fromString("", INT));
    assertNull(fromString("-", INT));
    assertNull(fromString("2147483648", INT));
    assertNull(fromString("128", DataTypes.ByteType));
    assertNull(fromString("9223372036854775808", LONG));
    assertNull(fromString("1.2.3", INT));
  }

  @Test
  public void stringsToDoublesReadJavaSyntaxAndSparkSpecialValues() {
    assertEquals(100000.0, fromString("1e5", DOUBLE));
    assertEquals(1.5, fromString(" 1.5 ", DOUBLE));
    assertEquals(Double.POSITIVE_INFINITY, fromString("inf", DOUBLE));
    assertEquals(Double.NEGATIVE_INFINITY, fromString("-Infinity", DOUBLE));
    assertTrue(Double.isNaN((Double) fromString("nan", DOUBLE)));
    assertNull(fromString("1,5", DOUBLE));
    assertEquals(0.1f, fromString("0.1", DataTypes.FloatType));
  }

  @Test
  public void stringsToDecimalsRoundHalfUpAndAreNullWhenTooLarge() {
    DataType d52 = DataTypes.createDecimalType(5, 2);
    assertEquals(dec("1.24"), fromString("1.235", d52));
    assertEquals(dec("-1.24"), fromString("-1.235", d52));
    assertEquals(dec("120.00"), fromString("1.2e2", d52));
    assertNull(fromString("1000", d52));
    assertNull(fromString("999.995", d52)); // rounds to 1000.00, which needs 6 digits
    assertNull(fromString("abc", d52));
    assertNull(fromString("1e100000000", d52));
  }

  @Test
  public void decimalToDecimalRoundsHalfUpOrIsNull() {
    DataType d41 = DataTypes.createDecimalType(4, 1);
    assertEquals(dec("123.5"), Casts.cast(dec("123.45"), DataTypes.createDecimalType(5, 2), d41));
    assertNull(Casts.cast(dec("12345"), DataTypes.createDecimalType(5, 0), d41));
    assertEquals(dec("0.1000000000"), Casts.cast(0.1, DOUBLE, DataTypes.createDecimalType(11, 10)));
    assertNull(Casts.cast(Double.NaN, DOUBLE, DataTypes.createDecimalType(11, 10)));
    // a float goes through its exact double value
    assertEquals(
        dec("0.10000000149"),
        Casts.cast(0.1f, DataTypes.FloatType, DataTypes.createDecimalType(11, 11)));
  }

  @Test
  public void stringsToBooleans() {
    for (String t : List.of("t", "TRUE", " yes ", "y", "1")) {
      assertEquals(t, true, fromString(t, DataTypes.BooleanType));
    }
    for (String f : List.of("f", "False", "no", "n", "0")) {
      assertEquals(f, false, fromString(f, DataTypes.BooleanType));
    }
    assertNull(fromString("2", DataTypes.BooleanType));
    assertEquals(true, Casts.cast(Double.NaN, DOUBLE, DataTypes.BooleanType));
    assertEquals(false, Casts.cast(0L, LONG, DataTypes.BooleanType));
  }

  @Test
  public void stringsToDatesInSparksFormsAndNullOtherwise() {
    DataType date = DataTypes.DateType;
    assertEquals(Exprs.days("2026-01-02"), fromString("2026-01-02", date));
    assertEquals(Exprs.days("2026-01-02"), fromString(" 2026-1-2 ", date));
    assertEquals(Exprs.days("2026-03-01"), fromString("2026-03", date));
    assertEquals(Exprs.days("2026-01-01"), fromString("2026", date));
    assertEquals(Exprs.days("2026-01-02"), fromString("2026-01-02T10:00:00", date));
    assertEquals(Exprs.days("2026-01-02"), fromString("2026-01-02 anything", date));
    assertEquals(Exprs.days("2024-02-29"), fromString("2024-02-29", date));
    assertEquals(Exprs.days("1969-07-20"), fromString("1969-07-20", date));
    assertNull(fromString("2023-02-29", date));
    assertNull(fromString("2026-13-01", date));
    assertNull(fromString("26-01-02", date));
    assertNull(fromString("2026/01/02", date));
    assertNull(fromString("2026-01x", date));
    assertNull(fromString("", date));
  }

  @Test
  public void stringsToTimestampsKeepMicrosAndReadZones() {
    DataType ts = DataTypes.TimestampType;
    assertEquals(
        micros("2026-01-02T03:04:05.123456Z"), fromString("2026-01-02 03:04:05.123456", ts));
    assertEquals(
        micros("2026-01-02T03:04:05.123456Z"), fromString("2026-01-02 03:04:05.1234567", ts));
    assertEquals(micros("2026-01-02T03:04:00Z"), fromString("2026-01-02T03:04", ts));
    assertEquals(micros("2026-01-02T00:00:00Z"), fromString("2026-01-02", ts));
    assertEquals(micros("2026-01-02T02:04:05Z"), fromString("2026-01-02 03:04:05+01:00", ts));
    assertEquals(micros("2026-01-02T03:04:05Z"), fromString("2026-01-02T03:04:05Z", ts));
    assertEquals(micros("1969-12-31T23:59:59.5Z"), fromString("1969-12-31 23:59:59.5", ts));
    assertNull(fromString("2026-01-02 25:00:00", ts));
    assertNull(fromString("2026-01-02 03:04:05 nowhere", ts));
    assertNull(fromString("not a time", ts));
    // local times are in the session zone
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertEquals(
        micros("2026-07-01T10:00:00Z"), Casts.cast("2026-07-01 12:00:00", STRING, ts, paris));
  }

  @Test
  public void datesAndTimestampsConvertInTheSessionZone() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    int day = Exprs.days("2026-01-02");
    assertEquals(
        micros("2026-01-01T15:00:00Z"),
        Casts.cast(day, DataTypes.DateType, DataTypes.TimestampType, tokyo));
    assertEquals(
        day,
        Casts.cast(
            micros("2026-01-01T15:00:00Z"), DataTypes.TimestampType, DataTypes.DateType, tokyo));
    assertEquals(
        Exprs.days("1969-12-31"),
        Casts.cast(micros("1969-12-31T23:59:59Z"), DataTypes.TimestampType, DataTypes.DateType));
  }

  @Test
  public void timestampsToNumbersAreSecondsFlooredAndBack() {
    DataType ts = DataTypes.TimestampType;
    assertEquals(-1L, Casts.cast(-1L, ts, LONG)); // one microsecond before the epoch
    assertEquals(-0.000001, Casts.cast(-1L, ts, DOUBLE));
    assertEquals(1_500_000L, Casts.cast(1.5, DOUBLE, ts));
    assertEquals(2_000_000L, Casts.cast(2, INT, ts));
    assertNull(Casts.cast(Double.NaN, DOUBLE, ts));
    assertEquals(1L, Casts.cast(true, DataTypes.BooleanType, ts));
    assertNull(Casts.cast(5, DataTypes.DateType, INT));
  }

  @Test
  public void valuesAsTextAsSparkWritesThem() {
    assertEquals("1.0E10", text(1e10, DOUBLE));
    assertEquals("0.1", text(0.1, DOUBLE));
    assertEquals("NaN", text(Double.NaN, DOUBLE));
    assertEquals("-Infinity", text(Double.NEGATIVE_INFINITY, DOUBLE));
    assertEquals("1.5", text(1.5f, DataTypes.FloatType));
    assertEquals("0.00", text(dec("0.00"), DataTypes.createDecimalType(3, 2)));
    assertEquals("123.45", text(dec("123.45"), DataTypes.createDecimalType(5, 2)));
    // non-ANSI Spark writes decimals with BigDecimal.toString, scientific for small values
    assertEquals("1E-7", text(dec("0.0000001"), DataTypes.createDecimalType(10, 7)));
    assertEquals("true", text(true, DataTypes.BooleanType));
    assertEquals("2026-01-02", text(Exprs.days("2026-01-02"), DataTypes.DateType));
    assertEquals("0001-01-01", text(Exprs.days("0001-01-01"), DataTypes.DateType));
    assertEquals(
        "2026-01-02 03:04:05.1234",
        text(micros("2026-01-02T03:04:05.123400Z"), DataTypes.TimestampType));
    assertEquals(
        "2026-01-02 03:04:05", text(micros("2026-01-02T03:04:05Z"), DataTypes.TimestampType));
    assertEquals(
        "2026-01-02 04:04:05",
        Casts.cast(
            micros("2026-01-02T03:04:05Z"), DataTypes.TimestampType, STRING, ZoneId.of("+01:00")));
  }

  @Test
  public void nestedValuesAsText() {
    DataType arr = DataTypes.createArrayType(INT);
    assertEquals("[1, null, 3]", text(Arrays.asList(1, null, 3), arr));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("a", 1);
    m.put("b", null);
    assertEquals("{a -> 1, b -> null}", text(m, DataTypes.createMapType(STRING, INT)));
    DataType st =
        DataTypes.createStructType(
            DataTypes.createStructField("x", INT, true),
            DataTypes.createStructField("y", STRING, true));
    assertEquals("{1, a}", text(new InternalRow(1, "a"), st));
    assertEquals("{null, a}", text(new InternalRow(null, "a"), st));
  }

  @Test
  public void nestedCastsConvertElementWise() {
    DataType from = DataTypes.createArrayType(STRING);
    DataType to = DataTypes.createArrayType(INT);
    assertEquals(Arrays.asList(1, null, null), Casts.cast(Arrays.asList("1", "x", null), from, to));
    DataType st1 = DataTypes.createStructType(DataTypes.createStructField("a", STRING, true));
    DataType st2 = DataTypes.createStructType(DataTypes.createStructField("b", DOUBLE, true));
    assertEquals(new InternalRow(2.5), Casts.cast(new InternalRow("2.5"), st1, st2));
    assertTrue(Casts.canCast(st1, st2));
    // a non-nullable target element cannot take a conversion that may fail
    assertFalse(Casts.canCast(from, DataTypes.createArrayType(INT, false)));
  }

  @Test
  public void binaryAndStringsConvertAsUtf8AndIntegersAsBigEndianBytes() {
    byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, (byte[]) fromString("héllo", DataTypes.BinaryType));
    assertEquals("héllo", text(bytes, DataTypes.BinaryType));
    assertArrayEquals(new byte[] {0, 0, 1, 2}, (byte[]) Casts.cast(258, INT, DataTypes.BinaryType));
  }

  @Test
  public void theCastMatrixRefusesWhatSparkRefuses() {
    assertFalse(Casts.canCast(DataTypes.DateType, DataTypes.BinaryType));
    assertFalse(Casts.canCast(INT, DataTypes.DateType));
    assertFalse(Casts.canCast(DataTypes.createArrayType(INT), INT));
    assertFalse(Casts.canCast(DataTypes.BooleanType, DataTypes.DateType));
    assertTrue(Casts.canCast(DataTypes.createMapType(STRING, INT), STRING));
    assertTrue(Casts.canCast(DataTypes.NullType, DataTypes.DateType));
    String error = new Cast(Exprs.lit(1), DataTypes.DateType).checkInputTypes();
    assertEquals("cannot cast int to date in CAST(1 AS DATE)", error);
  }

  @Test
  public void castsThatCanFailAreNullable() {
    assertTrue(new Cast(Exprs.lit("1"), INT).nullable());
    assertFalse(new Cast(Exprs.lit(1), LONG).nullable());
    assertTrue(new Cast(Exprs.lit(1L), DataTypes.createDecimalType(5, 0)).nullable());
    assertFalse(new Cast(Exprs.lit(1), DataTypes.createDecimalType(10, 0)).nullable());
    assertTrue(new Cast(Exprs.lit(1.0), INT).nullable());
    assertFalse(new Cast(Exprs.lit(1), STRING).nullable());
  }

  @Test
  public void castEvaluatesInItsTimeZone() {
    Cast c = new Cast(Exprs.lit(LocalDate.of(2026, 1, 2)), DataTypes.TimestampType);
    assertEquals(micros("2026-01-02T00:00:00Z"), c.eval(Exprs.EMPTY));
    Expression inTokyo = c.withTimeZone("Asia/Tokyo");
    assertEquals(micros("2026-01-01T15:00:00Z"), inTokyo.eval(Exprs.EMPTY));
    assertEquals(ZoneOffset.UTC, c.zoneId());
    assertEquals(BigDecimal.ONE.setScale(1), Casts.cast(1, INT, DataTypes.createDecimalType(2, 1)));
  }
}
