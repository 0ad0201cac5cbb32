package dev.weft.sql.vector;

import dev.weft.sql.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * One value for every row: a partition column's value, or null for a column a file lacks. Holds the
 * internal value as {@link dev.weft.sql.expr.InternalRow} would.
 */
public final class ConstantColumnVector extends ColumnVector {
  private final Object value;

  /**
   * @param value the internal value of every row (null for SQL NULL)
   */
  public ConstantColumnVector(DataType type, Object value) {
    super(type);
    this.value = value;
  }

  /** A column of nulls. */
  public static ConstantColumnVector nulls(DataType type) {
    return new ConstantColumnVector(type, null);
  }

  @Override
  public boolean isNullAt(int row) {
    return value == null;
  }

  @Override
  public boolean mayHaveNulls() {
    return value == null;
  }

  @Override
  public boolean getBoolean(int row) {
    return (Boolean) value;
  }

  @Override
  public byte getByte(int row) {
    return (Byte) value;
  }

  @Override
  public short getShort(int row) {
    return (Short) value;
  }

  @Override
  public int getInt(int row) {
    return (Integer) value;
  }

  @Override
  public long getLong(int row) {
    return isLongDecimal(type()) ? ((BigDecimal) value).unscaledValue().longValue() : (Long) value;
  }

  @Override
  public float getFloat(int row) {
    return (Float) value;
  }

  @Override
  public double getDouble(int row) {
    return (Double) value;
  }

  @Override
  public BigDecimal getDecimal(int row) {
    return (BigDecimal) value;
  }

  @Override
  public byte[] getBinary(int row) {
    return value instanceof String s
        ? s.getBytes(StandardCharsets.UTF_8)
        : ((byte[]) value).clone();
  }

  @Override
  public String getString(int row) {
    return (String) value;
  }

  @Override
  public Object get(int row) {
    return value instanceof byte[] b ? b.clone() : value;
  }
}
