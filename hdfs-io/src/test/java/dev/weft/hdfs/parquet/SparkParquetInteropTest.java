package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.SparkLayouts.decimal;
import static dev.weft.hdfs.parquet.SparkLayouts.fixedDecimal;
import static dev.weft.hdfs.parquet.SparkLayouts.int96;
import static dev.weft.hdfs.parquet.SparkLayouts.parquetSchema;
import static dev.weft.hdfs.parquet.SparkLayouts.readGroups;
import static dev.weft.hdfs.parquet.SparkLayouts.readWithWeft;
import static dev.weft.hdfs.parquet.SparkLayouts.roundTrip;
import static dev.weft.hdfs.parquet.SparkLayouts.write;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Files in the layouts Spark writes are read with their types, and what Weft writes back holds the
 * same types and values, checked with parquet-mr's own reader: the round trip {@code
 * weft.parquet(in).write().parquet(out)} of issue 13.
 */
public class SparkParquetInteropTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void decimalsOfEverySparkLayoutKeepPrecisionScaleAndValue() throws IOException {
    Path in =
        write(
            file("in.parquet"),
            "message spark_schema {\n"
                + "  required int64 id;\n"
                + "  optional int32 d9 (DECIMAL(9,2));\n"
                + "  optional int64 d12 (DECIMAL(12,2));\n"
                + "  optional fixed_len_byte_array(13) d30 (DECIMAL(30,4));\n"
                + "}",
            List.of(
                row ->
                    row.append("id", 0L)
                        .append("d9", 125)
                        .append("d12", 125L)
                        .append("d30", fixedDecimal("12345678901234567890.1234", 4, 13)),
                row ->
                    row.append("id", 1L)
                        .append("d9", -9_999_999_99)
                        .append("d12", -125L)
                        .append("d30", fixedDecimal("-0.0001", 4, 13)),
                row -> row.append("id", 2L)));

    List<GenericRecord> read = readWithWeft(in);
    assertDecimalType(read.get(0).getSchema(), "d9", 9, 2);
    assertDecimalType(read.get(0).getSchema(), "d12", 12, 2);
    assertDecimalType(read.get(0).getSchema(), "d30", 30, 4);
    assertEquals(new BigDecimal("1.25"), decimal(read.get(0), "d12"));
    assertEquals(new BigDecimal("-1.25"), decimal(read.get(1), "d12"));
    assertEquals(new BigDecimal("-9999999.99"), decimal(read.get(1), "d9"));
    assertNull(read.get(2).get("d12"));

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    MessageType written = parquetSchema(out);
    assertEquals(LogicalTypeAnnotation.decimalType(2, 9), annotation(written, "d9"));
    assertEquals(LogicalTypeAnnotation.decimalType(2, 12), annotation(written, "d12"));
    assertEquals(LogicalTypeAnnotation.decimalType(4, 30), annotation(written, "d30"));
    List<Group> rows = readGroups(out);
    assertEquals(new BigDecimal("1.25"), decimal(rows.get(0), "d9"));
    assertEquals(new BigDecimal("1.25"), decimal(rows.get(0), "d12"));
    assertEquals(new BigDecimal("12345678901234567890.1234"), decimal(rows.get(0), "d30"));
    assertEquals(new BigDecimal("-9999999.99"), decimal(rows.get(1), "d9"));
    assertEquals(new BigDecimal("-1.25"), decimal(rows.get(1), "d12"));
    assertEquals(new BigDecimal("-0.0001"), decimal(rows.get(1), "d30"));
    for (String column : List.of("d9", "d12", "d30")) {
      assertEquals(column, 0, rows.get(2).getFieldRepetitionCount(column));
    }
  }

  @Test
  public void int96TimestampsReadAsTheInstantsTheyHoldAndAreWrittenAsMicros() throws IOException {
    List<Instant> instants =
        List.of(
            Instant.parse("2024-03-10T12:34:56.123456Z"),
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"));
    List<Consumer<Group>> rows = new ArrayList<>();
    for (Instant instant : instants) {
      long day = Math.floorDiv(instant.getEpochSecond(), 86_400L);
      long nanos =
          Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
      rows.add(row -> row.append("ts", int96(day, nanos)));
    }
    rows.add(row -> {});
    Path in = write(file("int96.parquet"), "message spark_schema { optional int96 ts; }", rows);

    List<GenericRecord> read = readWithWeft(in);
    assertEquals(
        LogicalTypes.timestampMicros(),
        fieldSchema(read.get(0).getSchema(), "ts").getLogicalType());
    for (int i = 0; i < instants.size(); i++) {
      assertEquals(micros(instants.get(i)), read.get(i).get("ts"));
    }
    assertNull(read.get(instants.size()).get("ts"));

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    Type ts = parquetSchema(out).getType("ts");
    assertEquals(PrimitiveTypeName.INT64, ts.asPrimitiveType().getPrimitiveTypeName());
    assertEquals(
        LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS), ts.getLogicalTypeAnnotation());
    List<Group> written = readGroups(out);
    for (int i = 0; i < instants.size(); i++) {
      assertEquals(micros(instants.get(i)), written.get(i).getLong("ts", 0));
    }
    assertEquals(0, written.get(instants.size()).getFieldRepetitionCount("ts"));
  }

  @Test
  public void int64TimestampsAndDatesKeepUnitAndUtcAdjustment() throws IOException {
    Instant instant = Instant.parse("2026-12-07T20:15:30.123456Z");
    LocalDateTime local = LocalDateTime.parse("2026-12-07T20:15:30.123456");
    LocalDate day = LocalDate.parse("1969-07-20");
    Path in =
        write(
            file("timestamps.parquet"),
            "message spark_schema {\n"
                + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
                + "  optional int64 ntz (TIMESTAMP(MICROS,false));\n"
                + "  optional int64 ts_ms (TIMESTAMP(MILLIS,true));\n"
                + "  optional int64 ntz_ms (TIMESTAMP(MILLIS,false));\n"
                + "  optional int32 day (DATE);\n"
                + "}",
            List.of(
                row ->
                    row.append("ts", micros(instant))
                        .append("ntz", micros(local.toInstant(ZoneOffset.UTC)))
                        .append("ts_ms", instant.toEpochMilli())
                        .append("ntz_ms", local.toInstant(ZoneOffset.UTC).toEpochMilli())
                        .append("day", (int) day.toEpochDay()),
                row -> {}));

    List<GenericRecord> read = readWithWeft(in);
    Schema schema = read.get(0).getSchema();
    assertEquals(LogicalTypes.timestampMicros(), fieldSchema(schema, "ts").getLogicalType());
    assertEquals(LogicalTypes.localTimestampMicros(), fieldSchema(schema, "ntz").getLogicalType());
    assertEquals(LogicalTypes.timestampMillis(), fieldSchema(schema, "ts_ms").getLogicalType());
    assertEquals(
        LogicalTypes.localTimestampMillis(), fieldSchema(schema, "ntz_ms").getLogicalType());
    assertEquals(LogicalTypes.date(), fieldSchema(schema, "day").getLogicalType());
    assertEquals(micros(instant), read.get(0).get("ts"));
    assertEquals((int) day.toEpochDay(), read.get(0).get("day"));

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    MessageType written = parquetSchema(out);
    assertEquals(
        LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS), annotation(written, "ts"));
    assertEquals(
        LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS), annotation(written, "ntz"));
    assertEquals(
        LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS), annotation(written, "ts_ms"));
    assertEquals(
        LogicalTypeAnnotation.timestampType(false, TimeUnit.MILLIS), annotation(written, "ntz_ms"));
    assertEquals(LogicalTypeAnnotation.dateType(), annotation(written, "day"));
    Group first = readGroups(out).get(0);
    assertEquals(micros(instant), first.getLong("ts", 0));
    assertEquals(micros(local.toInstant(ZoneOffset.UTC)), first.getLong("ntz", 0));
    assertEquals(instant.toEpochMilli(), first.getLong("ts_ms", 0));
    assertEquals((int) day.toEpochDay(), first.getInteger("day", 0));
  }

  @Test
  public void integersOfEveryWidthBinaryAndTextKeepTheirTypes() throws IOException {
    Path in =
        write(
            file("ints.parquet"),
            "message spark_schema {\n"
                + "  optional int32 b (INTEGER(8,true));\n"
                + "  optional int32 s (INTEGER(16,true));\n"
                + "  optional int32 u32 (INTEGER(32,false));\n"
                + "  optional int64 u64 (INTEGER(64,false));\n"
                + "  optional int32 t (TIME(MILLIS,true));\n"
                + "  optional binary raw;\n"
                + "  optional fixed_len_byte_array(4) four;\n"
                + "  optional binary big (DECIMAL(40,5));\n"
                + "  optional binary j (JSON);\n"
                + "  optional binary e (ENUM);\n"
                + "  optional fixed_len_byte_array(16) uuid (UUID);\n"
                + "  optional float f;\n"
                + "  optional double d;\n"
                + "  optional boolean flag;\n"
                + "}",
            List.of(
                row ->
                    row.append("b", -128)
                        .append("s", 32_767)
                        .append("u32", -1)
                        .append("u64", -1L)
                        .append("t", 45_296_789)
                        .append("raw", Binary.fromConstantByteArray(new byte[] {0, (byte) 0xff}))
                        .append("four", Binary.fromConstantByteArray(new byte[] {1, 2, 3, 4}))
                        .append(
                            "big",
                            Binary.fromConstantByteArray(
                                new BigDecimal("-12345678901234567890123456789012345.67891")
                                    .unscaledValue()
                                    .toByteArray()))
                        .append("j", "{\"a\":1}")
                        .append("e", "RED")
                        .append("uuid", Binary.fromConstantByteArray(uuidBytes(UUID_VALUE)))
                        .append("f", 1.5f)
                        .append("d", -0.25)
                        .append("flag", true),
                row -> {}));

    GenericRecord read = readWithWeft(in).get(0);
    assertEquals(-128, read.get("b"));
    assertEquals(32_767, read.get("s"));
    assertEquals(4_294_967_295L, read.get("u32"));
    assertEquals(new BigDecimal("18446744073709551615"), decimal(read, "u64"));
    assertEquals(LogicalTypes.timeMillis(), fieldSchema(read.getSchema(), "t").getLogicalType());
    assertEquals(ByteBuffer.wrap(new byte[] {0, (byte) 0xff}), read.get("raw"));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, ((GenericFixed) read.get("four")).bytes());
    assertEquals(
        new BigDecimal("-12345678901234567890123456789012345.67891"), decimal(read, "big"));
    assertEquals("{\"a\":1}", read.get("j").toString());
    assertEquals("RED", read.get("e").toString());
    assertEquals(UUID_VALUE.toString(), read.get("uuid").toString());

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    MessageType written = parquetSchema(out);
    assertEquals(LogicalTypeAnnotation.intType(8, true), annotation(written, "b"));
    assertEquals(LogicalTypeAnnotation.intType(16, true), annotation(written, "s"));
    assertEquals(
        PrimitiveTypeName.INT64, written.getType("u32").asPrimitiveType().getPrimitiveTypeName());
    assertEquals(LogicalTypeAnnotation.decimalType(0, 20), annotation(written, "u64"));
    assertEquals(LogicalTypeAnnotation.timeType(true, TimeUnit.MILLIS), annotation(written, "t"));
    assertEquals(LogicalTypeAnnotation.decimalType(5, 40), annotation(written, "big"));
    assertEquals(LogicalTypeAnnotation.stringType(), annotation(written, "j"));
    assertEquals(LogicalTypeAnnotation.stringType(), annotation(written, "e"));
    assertEquals(LogicalTypeAnnotation.stringType(), annotation(written, "uuid"));
    Group row = readGroups(out).get(0);
    assertEquals(-128, row.getInteger("b", 0));
    assertEquals(4_294_967_295L, row.getLong("u32", 0));
    assertEquals(new BigDecimal("18446744073709551615"), decimal(row, "u64"));
    assertEquals(45_296_789, row.getInteger("t", 0));
    assertArrayEquals(new byte[] {0, (byte) 0xff}, row.getBinary("raw", 0).getBytes());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, row.getBinary("four", 0).getBytes());
    assertEquals(new BigDecimal("-12345678901234567890123456789012345.67891"), decimal(row, "big"));
    assertEquals(1.5f, row.getFloat("f", 0), 0f);
    assertEquals(-0.25, row.getDouble("d", 0), 0.0);
    assertTrue(row.getBoolean("flag", 0));
    assertEquals("RED", row.getString("e", 0));
    assertEquals(UUID_VALUE.toString(), row.getString("uuid", 0));
    assertEquals(0, readGroups(out).get(1).getFieldRepetitionCount("b"));
  }

  @Test
  public void nanosecondTimestampsAreRefusedByTheWriterRatherThanWrittenAsBareLongs()
      throws IOException {
    Path in =
        write(
            file("nanos.parquet"),
            "message spark_schema { optional int64 ts (TIMESTAMP(NANOS,true)); }",
            List.of(row -> row.append("ts", 1_000_000_001L)));
    GenericRecord read = readWithWeft(in).get(0);
    assertEquals(
        LogicalTypes.timestampNanos(), fieldSchema(read.getSchema(), "ts").getLogicalType());
    assertEquals(1_000_000_001L, read.get("ts"));

    File out = file("out.parquet");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> roundTrip(in, out));
    assertEquals(
        "Cannot write "
            + new Path(out.toURI())
            + ": field spark_schema.ts is a timestamp-nanos timestamp, which Parquet files written"
            + " by Weft cannot hold; convert it to timestamp-micros first",
        e.getMessage());
  }

  private static final UUID UUID_VALUE = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  private static byte[] uuidBytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private File file(String name) {
    return new File(tmp.getRoot(), name);
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  private static LogicalTypeAnnotation annotation(MessageType schema, String field) {
    return schema.getType(field).getLogicalTypeAnnotation();
  }

  private static Schema fieldSchema(Schema record, String field) {
    return GenericRecordMaterializer.nonNull(record.getField(field).schema());
  }

  private static void assertDecimalType(Schema record, String field, int precision, int scale) {
    assertEquals(
        field, LogicalTypes.decimal(precision, scale), fieldSchema(record, field).getLogicalType());
  }
}
