package dev.weft.sql.types;

import java.io.Serializable;

/**
 * The type of a column or expression, as in Spark SQL. Every type is nullable at the column level
 * ({@link StructField#nullable()}); the types themselves carry no nullability except the element,
 * value and field flags of the nested types.
 *
 * <p>Obtain the simple types from {@link DataTypes} ({@code DataTypes.IntegerType}); the
 * parameterized ones with {@link DataTypes#createDecimalType}, {@link DataTypes#createArrayType},
 * {@link DataTypes#createMapType} and {@link DataTypes#createStructType}.
 */
public abstract sealed class DataType implements Serializable
    permits AtomicType, DecimalType, ArrayType, MapType, StructType {
  private static final long serialVersionUID = 1L;

  /** The kinds of type, for switches over types. */
  public enum Kind {
    NULL,
    BOOLEAN,
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    DECIMAL,
    STRING,
    BINARY,
    DATE,
    TIMESTAMP,
    ARRAY,
    MAP,
    STRUCT
  }

  DataType() {}

  /**
   * The type of a name as Spark writes it: {@code int}, {@code bigint}, {@code decimal(12,2)},
   * {@code array<string>}, {@code map<string,int>}, {@code struct<a:int,b:string>} (also the
   * aliases {@code integer}, {@code long}, {@code short}, {@code byte}, {@code real}, {@code dec},
   * {@code numeric}, {@code varchar(n)}); case does not matter.
   *
   * @throws IllegalArgumentException naming the text and the position it cannot read
   */
  public static DataType fromDDL(String typeName) {
    return DdlParser.parse(typeName);
  }

  /** What kind of type this is. */
  public abstract Kind kind();

  /** The type as Spark SQL writes it: {@code int}, {@code decimal(12,2)}, {@code array<string>}. */
  public abstract String simpleString();

  /** A rough size of one value in bytes, for plan statistics. */
  public abstract int defaultSize();

  /** Whether values of this type are numbers (integral, fractional or decimal). */
  public final boolean isNumeric() {
    return switch (kind()) {
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /** Whether values of this type are whole numbers held in a primitive (byte to long). */
  public final boolean isIntegral() {
    return switch (kind()) {
      case BYTE, SHORT, INT, LONG -> true;
      default -> false;
    };
  }

  /** Whether values of this type can be ordered (sorted, compared with {@code <}). */
  public boolean isOrderable() {
    return kind() != Kind.MAP;
  }

  @Override
  public String toString() {
    return simpleString();
  }
}
