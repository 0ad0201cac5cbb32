package dev.weft.sql.vector;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column vector on the Java heap, filled by a reader: primitive arrays by type (boolean and
 * tinyint as bytes, date as int days, timestamp as long microseconds, decimals of precision up to
 * 18 as unscaled longs, larger ones as {@link BigDecimal}s), strings and binaries as one byte array
 * with a start and a length per row, and a null flag per row. A string or binary vector may also
 * hold dictionary ids into another vector ({@link #useDictionary}), row by row: a reader of
 * dictionary-encoded pages writes ids, and bytes for rows of plain pages.
 *
 * <p>Rows are written by index, each at most once; strings and binaries in increasing row order.
 * Not thread-safe; once handed downstream in a batch, not changed.
 */
public final class HeapColumnVector extends ColumnVector {
  private final int capacity;
  private final boolean[] nulls;
  private boolean anyNull;
  private final int scale;

  private byte[] bytes;
  private short[] shorts;
  private int[] ints;
  private long[] longs;
  private float[] floats;
  private double[] doubles;
  private BigDecimal[] decimals;

  private byte[] data;
  private int dataLength;
  private int[] starts;
  private int[] lengths;

  private ColumnVector dictionary;
  private int[] ids;

  /**
   * A vector of {@code capacity} rows of a flat type.
   *
   * @throws IllegalArgumentException for an array, map or struct type
   */
  public HeapColumnVector(DataType type, int capacity) {
    super(type);
    if (!isSupported(type)) {
      throw new IllegalArgumentException("No column vectors of type " + type.simpleString());
    }
    this.capacity = capacity;
    this.nulls = new boolean[capacity];
    this.scale = type instanceof DecimalType d ? d.scale() : 0;
    switch (type.kind()) {
      case BOOLEAN, BYTE -> bytes = new byte[capacity];
      case SHORT -> shorts = new short[capacity];
      case INT, DATE -> ints = new int[capacity];
      case LONG, TIMESTAMP -> longs = new long[capacity];
      case FLOAT -> floats = new float[capacity];
      case DOUBLE -> doubles = new double[capacity];
      case DECIMAL -> {
        if (isLongDecimal(type)) {
          longs = new long[capacity];
        } else {
          decimals = new BigDecimal[capacity];
        }
      }
      case STRING, BINARY -> {
        data = new byte[Math.max(16, capacity * 8)];
        starts = new int[capacity];
        lengths = new int[capacity];
      }
      default -> {
        // NULL: only nulls.
      }
    }
  }

  /** The rows this vector can hold. */
  public int capacity() {
    return capacity;
  }

  /**
   * Lets this string or binary vector hold ids into {@code dict} (a vector of the same type): rows
   * written with {@link #putDictionaryId} read the dictionary's value (the same object for every
   * row of an id, when the dictionary holds objects); rows written with bytes keep reading those.
   */
  public void useDictionary(ColumnVector dict) {
    if (dict.type().kind() != type().kind()) {
      throw new IllegalArgumentException(
          "A dictionary of " + dict.type().simpleString() + " for a " + type().simpleString());
    }
    this.dictionary = dict;
    this.ids = new int[capacity];
    Arrays.fill(ids, -1);
  }

  /** Whether some rows may be ids into a dictionary. */
  public boolean hasDictionary() {
    return dictionary != null;
  }

  /** The dictionary given to {@link #useDictionary}, or null. */
  public ColumnVector dictionary() {
    return dictionary;
  }

  private boolean fromDictionary(int row) {
    return ids != null && ids[row] >= 0;
  }

  public void putNull(int row) {
    nulls[row] = true;
    anyNull = true;
  }

  public void putBoolean(int row, boolean v) {
    bytes[row] = (byte) (v ? 1 : 0);
  }

  public void putByte(int row, byte v) {
    bytes[row] = v;
  }

  public void putShort(int row, short v) {
    shorts[row] = v;
  }

  public void putInt(int row, int v) {
    ints[row] = v;
  }

  /** A bigint, a timestamp in microseconds, or the unscaled value of a decimal up to 18 digits. */
  public void putLong(int row, long v) {
    longs[row] = v;
  }

  public void putFloat(int row, float v) {
    floats[row] = v;
  }

  public void putDouble(int row, double v) {
    doubles[row] = v;
  }

  /** A decimal (any precision); rescaled to the column's scale must be exact. */
  public void putDecimal(int row, BigDecimal v) {
    BigDecimal d = v.setScale(scale);
    if (longs != null) {
      longs[row] = d.unscaledValue().longValueExact();
    } else {
      decimals[row] = d;
    }
  }

  /** The bytes of a string (UTF-8) or binary value, copied. */
  public void putBytes(int row, byte[] src, int offset, int length) {
    if (dataLength + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
    }
    System.arraycopy(src, offset, data, dataLength, length);
    starts[row] = dataLength;
    lengths[row] = length;
    dataLength += length;
  }

  public void putString(int row, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putBytes(row, b, 0, b.length);
  }

  public void putDictionaryId(int row, int id) {
    ids[row] = id;
  }

  @Override
  public boolean isNullAt(int row) {
    return nulls[row];
  }

  @Override
  public boolean mayHaveNulls() {
    return anyNull;
  }

  @Override
  public boolean getBoolean(int row) {
    return bytes[row] != 0;
  }

  @Override
  public byte getByte(int row) {
    return bytes[row];
  }

  @Override
  public short getShort(int row) {
    return shorts[row];
  }

  @Override
  public int getInt(int row) {
    return ints[row];
  }

  @Override
  public long getLong(int row) {
    return longs[row];
  }

  @Override
  public float getFloat(int row) {
    return floats[row];
  }

  @Override
  public double getDouble(int row) {
    return doubles[row];
  }

  @Override
  public BigDecimal getDecimal(int row) {
    return longs != null ? BigDecimal.valueOf(longs[row], scale) : decimals[row];
  }

  @Override
  public byte[] getBinary(int row) {
    if (fromDictionary(row)) {
      return dictionary.getBinary(ids[row]);
    }
    return Arrays.copyOfRange(data, starts[row], starts[row] + lengths[row]);
  }

  @Override
  public String getString(int row) {
    if (fromDictionary(row)) {
      return dictionary.getString(ids[row]);
    }
    return new String(data, starts[row], lengths[row], StandardCharsets.UTF_8);
  }

  /** Whether a string or binary row equals the given bytes, without copying. */
  public boolean bytesEqual(int row, byte[] other) {
    if (fromDictionary(row)) {
      return Arrays.equals(dictionary.getBinary(ids[row]), other);
    }
    return Arrays.equals(data, starts[row], starts[row] + lengths[row], other, 0, other.length);
  }
}
