package dev.weft.sql.vector;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The values of one column for the rows of a {@link ColumnBatch}, held by type rather than as one
 * object per value. Readers call the getter of the column's type: {@link #getBoolean} for boolean,
 * {@link #getByte}, {@link #getShort}, {@link #getInt} (also date, as days), {@link #getLong} (also
 * timestamp, as microseconds), {@link #getFloat}, {@link #getDouble}, {@link #getDecimal}, {@link
 * #getString} and {@link #getBinary}. A getter's result is undefined for a null value; test {@link
 * #isNullAt} first. {@link #get} returns the internal value (as {@link
 * dev.weft.sql.expr.InternalRow} holds it) and materializes an object.
 */
public abstract class ColumnVector {
  private final DataType type;

  protected ColumnVector(DataType type) {
    this.type = type;
  }

  /** The type of the values. */
  public final DataType type() {
    return type;
  }

  /** Whether the value of a row is null. */
  public abstract boolean isNullAt(int row);

  /** Whether some value may be null (false guarantees none is). */
  public abstract boolean mayHaveNulls();

  public abstract boolean getBoolean(int row);

  public abstract byte getByte(int row);

  public abstract short getShort(int row);

  public abstract int getInt(int row);

  public abstract long getLong(int row);

  public abstract float getFloat(int row);

  public abstract double getDouble(int row);

  /** A decimal of the column's scale. */
  public abstract BigDecimal getDecimal(int row);

  /** The bytes of a string (UTF-8) or binary value; a fresh array. */
  public abstract byte[] getBinary(int row);

  public String getString(int row) {
    return new String(getBinary(row), StandardCharsets.UTF_8);
  }

  /** The internal value of a row (null for SQL NULL), boxed as {@code InternalRow} holds it. */
  public Object get(int row) {
    if (isNullAt(row)) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> getBoolean(row);
      case BYTE -> getByte(row);
      case SHORT -> getShort(row);
      case INT, DATE -> getInt(row);
      case LONG, TIMESTAMP -> getLong(row);
      case FLOAT -> getFloat(row);
      case DOUBLE -> getDouble(row);
      case DECIMAL -> getDecimal(row);
      case STRING -> getString(row);
      case BINARY -> getBinary(row);
      case NULL -> null;
      default ->
          throw new UnsupportedOperationException(
              "No column vectors of type " + type.simpleString());
    };
  }

  /** Whether a decimal type is held as unscaled longs (precision up to 18) in vectors. */
  public static boolean isLongDecimal(DataType type) {
    return type instanceof DecimalType d && d.precision() <= 18;
  }

  /** Whether vectors hold values of this type (the flat types). */
  public static boolean isSupported(DataType type) {
    return switch (type.kind()) {
      case ARRAY, MAP, STRUCT -> false;
      default -> true;
    };
  }
}
