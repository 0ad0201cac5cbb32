package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A constant value (internal representation) of a type; null is a typed NULL. */
public record Literal(Object value, DataType dataType) implements LeafExpression {

  public static final Literal TRUE = new Literal(true, DataTypes.BooleanType);
  public static final Literal FALSE = new Literal(false, DataTypes.BooleanType);

  /** A typed NULL. */
  public static Literal nullOf(DataType type) {
    return new Literal(null, type);
  }

  /**
   * The literal of a Java value, with the type Spark gives it: {@code Integer} int, {@code Long}
   * bigint, {@code String} string, {@code BigDecimal} decimal of its precision and scale, {@code
   * LocalDate} date, {@code Instant} timestamp, ...; {@code null} is a NULL of type void.
   *
   * @throws IllegalArgumentException for a value of another class
   */
  public static Literal of(Object v) {
    if (v == null) {
      return new Literal(null, DataTypes.NullType);
    }
    if (v instanceof Literal l) {
      return l;
    }
    if (v instanceof Boolean) {
      return new Literal(v, DataTypes.BooleanType);
    }
    if (v instanceof Byte) {
      return new Literal(v, DataTypes.ByteType);
    }
    if (v instanceof Short) {
      return new Literal(v, DataTypes.ShortType);
    }
    if (v instanceof Integer) {
      return new Literal(v, DataTypes.IntegerType);
    }
    if (v instanceof Long) {
      return new Literal(v, DataTypes.LongType);
    }
    if (v instanceof Float) {
      return new Literal(v, DataTypes.FloatType);
    }
    if (v instanceof Double) {
      return new Literal(v, DataTypes.DoubleType);
    }
    if (v instanceof String) {
      return new Literal(v, DataTypes.StringType);
    }
    if (v instanceof byte[]) {
      return new Literal(v, DataTypes.BinaryType);
    }
    if (v instanceof BigDecimal d) {
      int scale = Math.max(d.scale(), 0);
      BigDecimal scaled = d.setScale(scale);
      int precision = Math.max(scaled.precision(), scale);
      if (precision > 38) {
        throw new IllegalArgumentException("decimal literal " + d + " has more than 38 digits");
      }
      return new Literal(scaled, DataTypes.createDecimalType(Math.max(precision, 1), scale));
    }
    if (v instanceof LocalDate d) {
      return new Literal((int) d.toEpochDay(), DataTypes.DateType);
    }
    if (v instanceof Instant t) {
      return new Literal(InternalValues.toMicros(t), DataTypes.TimestampType);
    }
    throw new IllegalArgumentException(
        "Unsupported literal of "
            + v.getClass().getName()
            + ": "
            + v
            + " (expected a boxed primitive, String, byte[], BigDecimal, LocalDate or Instant)");
  }

  @Override
  public boolean nullable() {
    return value == null;
  }

  @Override
  public Object eval(InternalRow input) {
    return value;
  }

  @Override
  public boolean foldable() {
    return true;
  }

  @Override
  public String sql() {
    return InternalValues.toSqlLiteral(value, dataType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Literal l
        && l.dataType.equals(dataType)
        && java.util.Objects.deepEquals(l.value, value);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        dataType, value instanceof byte[] b ? java.util.Arrays.hashCode(b) : value);
  }

  @Override
  public String toString() {
    return sql();
  }
}
