package dev.weft.sql.exec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RowCodecTest {
  private static final DataType STRUCT =
      DataTypes.createStructType(
          DataTypes.createStructField("x", DataTypes.IntegerType, true),
          DataTypes.createStructField("s", DataTypes.StringType, true));

  private static final List<DataType> TYPES =
      List.of(
          DataTypes.BooleanType,
          DataTypes.ByteType,
          DataTypes.ShortType,
          DataTypes.IntegerType,
          DataTypes.LongType,
          DataTypes.FloatType,
          DataTypes.DoubleType,
          DataTypes.createDecimalType(12, 2),
          DataTypes.createDecimalType(30, 4),
          DataTypes.StringType,
          DataTypes.BinaryType,
          DataTypes.DateType,
          DataTypes.TimestampType,
          DataTypes.createArrayType(DataTypes.StringType),
          DataTypes.createMapType(
              DataTypes.StringType, DataTypes.createArrayType(DataTypes.LongType)),
          STRUCT,
          DataTypes.createArrayType(STRUCT));

  private static InternalRow sample() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("a", List.of(1L, 2L));
    map.put("b", Arrays.asList(3L, null));
    return new InternalRow(
        true,
        (byte) -7,
        (short) 300,
        -123456,
        Long.MIN_VALUE,
        1.5f,
        -0.25d,
        new BigDecimal("-1234567890.12"),
        new BigDecimal("12345678901234567890123456.7890"),
        "héllo, wörld ✓",
        new byte[] {0, -1, 2},
        19700,
        1_700_000_000_123_456L,
        Arrays.asList("x", null, ""),
        map,
        new InternalRow(5, null),
        List.of(new InternalRow(1, "one"), new InternalRow(null, "two")));
  }

  @Test
  public void everyTypeRoundTrips() {
    RowCodec codec = new RowCodec(TYPES);
    InternalRow row = sample();
    InternalRow back = codec.decode(codec.encode(row));
    assertEquals(row, back);
    assertArrayEquals((byte[]) row.get(10), (byte[]) back.get(10));
  }

  @Test
  public void nullsRoundTripInEveryPosition() {
    RowCodec codec = new RowCodec(TYPES);
    InternalRow nulls = InternalRow.ofSize(TYPES.size());
    assertEquals(nulls, codec.decode(codec.encode(nulls)));
    InternalRow full = sample();
    for (int i = 0; i < TYPES.size(); i++) {
      Object[] v = full.values().clone();
      v[i] = null;
      InternalRow row = new InternalRow(v);
      assertEquals("null at " + i, row, codec.decode(codec.encode(row)));
    }
  }

  @Test
  public void rowsAreCompact() {
    RowCodec codec = new RowCodec(List.of(DataTypes.IntegerType, DataTypes.StringType));
    // 1 bitmap byte + 2 slots of 8 + 3 string bytes
    assertEquals(20, codec.encode(new InternalRow(1, "abc")).length);
  }

  @Test
  public void emptyCollectionsAndManyColumns() {
    List<DataType> types = new ArrayList<>();
    Object[] values = new Object[70];
    for (int i = 0; i < 70; i++) {
      types.add(i % 2 == 0 ? DataTypes.LongType : DataTypes.createArrayType(DataTypes.IntegerType));
      values[i] = i % 3 == 0 ? null : i % 2 == 0 ? (Object) (long) i : List.of();
    }
    RowCodec codec = new RowCodec(types);
    InternalRow row = new InternalRow(values);
    assertEquals(row, codec.decode(codec.encode(row)));
  }
}
