package dev.weft.sql.vector;

import dev.weft.sql.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A column vector of internal values, one object per row: what expressions evaluated row by row
 * (those generated code does not cover, or of nested types) produce over a batch.
 */
public final class ObjectColumnVector extends ColumnVector {
  private final Object[] values;
  private boolean anyNull;

  public ObjectColumnVector(DataType type, int capacity) {
    super(type);
    this.values = new Object[capacity];
  }

  /** Sets a row's internal value (null for SQL NULL). */
  public void put(int row, Object value) {
    values[row] = value;
    anyNull |= value == null;
  }

  @Override
  public boolean isNullAt(int row) {
    return values[row] == null;
  }

  @Override
  public boolean mayHaveNulls() {
    return anyNull;
  }

  @Override
  public boolean getBoolean(int row) {
    return (Boolean) values[row];
  }

  @Override
  public byte getByte(int row) {
    return (Byte) values[row];
  }

  @Override
  public short getShort(int row) {
    return (Short) values[row];
  }

  @Override
  public int getInt(int row) {
    return (Integer) values[row];
  }

  @Override
  public long getLong(int row) {
    Object v = values[row];
    return v instanceof BigDecimal d ? d.unscaledValue().longValue() : (Long) v;
  }

  @Override
  public float getFloat(int row) {
    return (Float) values[row];
  }

  @Override
  public double getDouble(int row) {
    return (Double) values[row];
  }

  @Override
  public BigDecimal getDecimal(int row) {
    return (BigDecimal) values[row];
  }

  @Override
  public byte[] getBinary(int row) {
    Object v = values[row];
    return v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : ((byte[]) v).clone();
  }

  @Override
  public String getString(int row) {
    return (String) values[row];
  }

  @Override
  public Object get(int row) {
    return values[row];
  }
}
