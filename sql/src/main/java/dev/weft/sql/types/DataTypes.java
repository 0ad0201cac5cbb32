package dev.weft.sql.types;

import java.util.Arrays;
import java.util.List;

/** The simple types and factories of the parameterized ones, as Spark's Java API has them. */
public final class DataTypes {
  private DataTypes() {}

  public static final AtomicType NullType = new AtomicType(DataType.Kind.NULL, "void", 1);
  public static final AtomicType BooleanType = new AtomicType(DataType.Kind.BOOLEAN, "boolean", 1);
  public static final AtomicType ByteType = new AtomicType(DataType.Kind.BYTE, "tinyint", 1);
  public static final AtomicType ShortType = new AtomicType(DataType.Kind.SHORT, "smallint", 2);
  public static final AtomicType IntegerType = new AtomicType(DataType.Kind.INT, "int", 4);
  public static final AtomicType LongType = new AtomicType(DataType.Kind.LONG, "bigint", 8);
  public static final AtomicType FloatType = new AtomicType(DataType.Kind.FLOAT, "float", 4);
  public static final AtomicType DoubleType = new AtomicType(DataType.Kind.DOUBLE, "double", 8);
  public static final AtomicType StringType = new AtomicType(DataType.Kind.STRING, "string", 20);
  public static final AtomicType BinaryType = new AtomicType(DataType.Kind.BINARY, "binary", 100);
  public static final AtomicType DateType = new AtomicType(DataType.Kind.DATE, "date", 4);
  public static final AtomicType TimestampType =
      new AtomicType(DataType.Kind.TIMESTAMP, "timestamp", 8);

  /** The default decimal type, {@code decimal(10,0)}, as in Spark. */
  public static final DecimalType DecimalType = new DecimalType(10, 0);

  static AtomicType atomic(DataType.Kind kind) {
    return switch (kind) {
      case NULL -> NullType;
      case BOOLEAN -> BooleanType;
      case BYTE -> ByteType;
      case SHORT -> ShortType;
      case INT -> IntegerType;
      case LONG -> LongType;
      case FLOAT -> FloatType;
      case DOUBLE -> DoubleType;
      case STRING -> StringType;
      case BINARY -> BinaryType;
      case DATE -> DateType;
      case TIMESTAMP -> TimestampType;
      default -> throw new IllegalArgumentException(kind + " is not an atomic type");
    };
  }

  /** {@code decimal(precision, scale)}. */
  public static DecimalType createDecimalType(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  /** {@code array<element>} whose elements may be null. */
  public static ArrayType createArrayType(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  public static ArrayType createArrayType(DataType elementType, boolean containsNull) {
    return new ArrayType(elementType, containsNull);
  }

  /** {@code map<key,value>} whose values may be null. */
  public static MapType createMapType(DataType keyType, DataType valueType) {
    return new MapType(keyType, valueType, true);
  }

  public static MapType createMapType(
      DataType keyType, DataType valueType, boolean valueContainsNull) {
    return new MapType(keyType, valueType, valueContainsNull);
  }

  public static StructField createStructField(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable);
  }

  public static StructType createStructType(List<StructField> fields) {
    return new StructType(fields);
  }

  public static StructType createStructType(StructField... fields) {
    return new StructType(Arrays.asList(fields));
  }
}
