package dev.weft.sql.exec;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of internal rows that shuffles and broadcasts move, by schema: a null
 * bitmap (one bit per field), one 8-byte slot per field, then a variable-length section. A slot
 * holds a fixed-width value (booleans to longs, float and double bits, dates, timestamps, decimals
 * of up to 18 digits as their unscaled long) or, for strings, binaries, large decimals and nested
 * values, the offset and length of its bytes in the variable section. Arrays are a 4-byte count
 * followed by a row of their elements; maps the byte length of their key array, the key array and
 * the value array; structs a nested row. Numbers are little-endian.
 */
public final class RowCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DataType[] types;

  public RowCodec(List<DataType> types) {
    this.types = types.toArray(new DataType[0]);
  }

  public static RowCodec of(StructType schema) {
    List<DataType> types = new ArrayList<>();
    for (StructField f : schema.fields()) {
      types.add(f.dataType());
    }
    return new RowCodec(types);
  }

  /** The bytes of {@code row}, whose values have this codec's types. */
  public byte[] encode(InternalRow row) {
    Buffer b = new Buffer(16 + types.length * 10);
    writeRow(b, types, row.values());
    return b.toArray();
  }

  public InternalRow decode(byte[] bytes) {
    return new InternalRow(readRow(bytes, 0, types));
  }

  /** The row encoded in {@code bytes} from {@code offset} on (after a prefix of the caller's). */
  public InternalRow decode(byte[] bytes, int offset) {
    return new InternalRow(readRow(bytes, offset, types));
  }

  // ---- writing ----

  private static void writeRow(Buffer b, DataType[] types, Object[] values) {
    int start = b.pos;
    int n = types.length;
    int bitmapBytes = (n + 7) / 8;
    b.ensure(bitmapBytes + 8 * n);
    b.pos += bitmapBytes + 8 * n;
    for (int i = 0; i < n; i++) {
      Object v = values[i];
      int slot = start + bitmapBytes + 8 * i;
      if (v == null) {
        b.data[start + (i >> 3)] |= (byte) (1 << (i & 7));
        continue;
      }
      DataType t = types[i];
      switch (t.kind()) {
        case BOOLEAN -> b.putLong(slot, (Boolean) v ? 1 : 0);
        case BYTE -> b.putLong(slot, (Byte) v);
        case SHORT -> b.putLong(slot, (Short) v);
        case INT, DATE -> b.putLong(slot, (Integer) v);
        case LONG, TIMESTAMP -> b.putLong(slot, (Long) v);
        case FLOAT -> b.putLong(slot, Float.floatToRawIntBits((Float) v));
        case DOUBLE -> b.putLong(slot, Double.doubleToRawLongBits((Double) v));
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          if (((DecimalType) t).precision() <= 18) {
            b.putLong(slot, d.unscaledValue().longValueExact());
          } else {
            writeVar(b, start, slot, d.unscaledValue().toByteArray());
          }
        }
        case STRING -> writeVar(b, start, slot, ((String) v).getBytes(StandardCharsets.UTF_8));
        case BINARY -> writeVar(b, start, slot, (byte[]) v);
        case ARRAY, MAP, STRUCT -> {
          int varStart = b.pos;
          writeNested(b, t, v);
          b.putLong(slot, ((long) (varStart - start) << 32) | (b.pos - varStart));
        }
        default ->
            throw new IllegalArgumentException("cannot encode a value of type " + t.simpleString());
      }
    }
  }

  private static void writeVar(Buffer b, int rowStart, int slot, byte[] bytes) {
    b.putLong(slot, ((long) (b.pos - rowStart) << 32) | bytes.length);
    b.ensure(bytes.length);
    System.arraycopy(bytes, 0, b.data, b.pos, bytes.length);
    b.pos += bytes.length;
  }

  private static void writeNested(Buffer b, DataType t, Object v) {
    if (t instanceof StructType s) {
      DataType[] fields = new DataType[s.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = s.field(i).dataType();
      }
      writeRow(b, fields, ((InternalRow) v).values());
    } else if (t instanceof ArrayType a) {
      writeArray(b, a.elementType(), ((List<?>) v).toArray());
    } else {
      MapType m = (MapType) t;
      Map<?, ?> map = (Map<?, ?>) v;
      b.ensure(4);
      int lengthAt = b.pos;
      b.pos += 4;
      writeArray(b, m.keyType(), map.keySet().toArray());
      b.putInt(lengthAt, b.pos - lengthAt - 4);
      writeArray(b, m.valueType(), map.values().toArray());
    }
  }

  private static void writeArray(Buffer b, DataType element, Object[] values) {
    b.ensure(4);
    b.putInt(b.pos, values.length);
    b.pos += 4;
    DataType[] types = new DataType[values.length];
    java.util.Arrays.fill(types, element);
    writeRow(b, types, values);
  }

  // ---- reading ----

  private static Object[] readRow(byte[] d, int start, DataType[] types) {
    int n = types.length;
    int bitmapBytes = (n + 7) / 8;
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      if ((d[start + (i >> 3)] & (1 << (i & 7))) != 0) {
        continue;
      }
      long slot = getLong(d, start + bitmapBytes + 8 * i);
      DataType t = types[i];
      values[i] =
          switch (t.kind()) {
            case BOOLEAN -> slot != 0;
            case BYTE -> (byte) slot;
            case SHORT -> (short) slot;
            case INT, DATE -> (int) slot;
            case LONG, TIMESTAMP -> slot;
            case FLOAT -> Float.intBitsToFloat((int) slot);
            case DOUBLE -> Double.longBitsToDouble(slot);
            case DECIMAL -> {
              DecimalType dt = (DecimalType) t;
              if (dt.precision() <= 18) {
                yield BigDecimal.valueOf(slot, dt.scale());
              }
              yield new BigDecimal(new BigInteger(varBytes(d, start, slot)), dt.scale());
            }
            case STRING ->
                new String(d, start + (int) (slot >>> 32), (int) slot, StandardCharsets.UTF_8);
            case BINARY -> varBytes(d, start, slot);
            case ARRAY, MAP, STRUCT -> readNested(d, start + (int) (slot >>> 32), t);
            default -> throw new IllegalArgumentException("cannot decode type " + t.simpleString());
          };
    }
    return values;
  }

  private static byte[] varBytes(byte[] d, int start, long slot) {
    int off = start + (int) (slot >>> 32);
    return java.util.Arrays.copyOfRange(d, off, off + (int) slot);
  }

  private static Object readNested(byte[] d, int pos, DataType t) {
    if (t instanceof StructType s) {
      DataType[] fields = new DataType[s.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = s.field(i).dataType();
      }
      return new InternalRow(readRow(d, pos, fields));
    }
    if (t instanceof ArrayType a) {
      return Collections.unmodifiableList(
          java.util.Arrays.asList(readArray(d, pos, a.elementType())));
    }
    MapType m = (MapType) t;
    int keysLength = getInt(d, pos);
    Object[] keys = readArray(d, pos + 4, m.keyType());
    Object[] values = readArray(d, pos + 4 + keysLength, m.valueType());
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object[] readArray(byte[] d, int pos, DataType element) {
    int count = getInt(d, pos);
    DataType[] types = new DataType[count];
    java.util.Arrays.fill(types, element);
    return readRow(d, pos + 4, types);
  }

  private static long getLong(byte[] d, int i) {
    return (d[i] & 0xFFL)
        | (d[i + 1] & 0xFFL) << 8
        | (d[i + 2] & 0xFFL) << 16
        | (d[i + 3] & 0xFFL) << 24
        | (d[i + 4] & 0xFFL) << 32
        | (d[i + 5] & 0xFFL) << 40
        | (d[i + 6] & 0xFFL) << 48
        | (d[i + 7] & 0xFFL) << 56;
  }

  private static int getInt(byte[] d, int i) {
    return (d[i] & 0xFF)
        | (d[i + 1] & 0xFF) << 8
        | (d[i + 2] & 0xFF) << 16
        | (d[i + 3] & 0xFF) << 24;
  }

  /** A growable byte array. */
  private static final class Buffer {
    byte[] data;
    int pos;

    Buffer(int capacity) {
      data = new byte[capacity];
    }

    void ensure(int extra) {
      if (pos + extra > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, pos + extra));
      }
    }

    void putLong(int at, long v) {
      for (int k = 0; k < 8; k++) {
        data[at + k] = (byte) (v >>> (8 * k));
      }
    }

    void putInt(int at, int v) {
      for (int k = 0; k < 4; k++) {
        data[at + k] = (byte) (v >>> (8 * k));
      }
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(data, pos);
    }
  }
}
