package dev.weft.sql.sources.parquet;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet schemas as {@link StructType}s, mapping types as Spark does: decimals of every physical
 * layout, {@code DATE}, {@code TIMESTAMP} in millis or micros (UTC-adjusted or not) and {@code
 * INT96} as timestamp, unsigned integers widened (uint8 to smallint, uint16 to int, uint32 to
 * bigint, uint64 to decimal(20,0)), strings, enums and JSON as string, 2- and 3-level lists, maps
 * and structs. Every column read from Parquet is nullable, as in Spark.
 */
public final class ParquetTypes {
  private ParquetTypes() {}

  /** The struct type of a file's schema. */
  public static StructType toStructType(MessageType schema, String file) {
    return struct(schema, file);
  }

  private static StructType struct(GroupType group, String file) {
    List<StructField> fields = new ArrayList<>();
    for (Type t : group.getFields()) {
      fields.add(DataTypes.createStructField(t.getName(), field(t, file), true));
    }
    return StructType.of(fields);
  }

  /** The type of a field as it appears in its parent (a bare repeated field is an array). */
  static DataType field(Type t, String file) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return DataTypes.createArrayType(nonRepeated(t, file), false);
    }
    return nonRepeated(t, file);
  }

  private static DataType nonRepeated(Type t, String file) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType(), file);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof ListLogicalTypeAnnotation) {
      return list(g, file);
    }
    if (a instanceof MapLogicalTypeAnnotation || a instanceof MapKeyValueTypeAnnotation) {
      return map(g, file);
    }
    return struct(g, file);
  }

  private static DataType list(GroupType g, String file) {
    if (g.getFieldCount() != 1 || !g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw bad(file, g, "a LIST group must hold one repeated field");
    }
    Type repeated = g.getType(0);
    if (isElement(repeated, g.getName())) {
      return DataTypes.createArrayType(nonRepeated(repeated, file), false);
    }
    Type element = repeated.asGroupType().getType(0);
    return DataTypes.createArrayType(
        field(element, file), !element.isRepetition(Type.Repetition.REQUIRED));
  }

  /**
   * Whether the repeated field of a LIST is itself the element (the legacy 2-level layouts, by
   * Parquet's backward-compatibility rules) rather than the group around the element (3-level).
   */
  static boolean isElement(Type repeated, String listName) {
    if (repeated.isPrimitive()) {
      return true;
    }
    GroupType g = repeated.asGroupType();
    return g.getFieldCount() != 1
        || g.getName().equals("array")
        || g.getName().equals(listName + "_tuple");
  }

  private static DataType map(GroupType g, String file) {
    if (g.getFieldCount() != 1
        || g.getType(0).isPrimitive()
        || g.getType(0).asGroupType().getFieldCount() != 2) {
      throw bad(file, g, "a MAP group must hold one repeated group of a key and a value");
    }
    GroupType kv = g.getType(0).asGroupType();
    Type value = kv.getType(1);
    return DataTypes.createMapType(
        field(kv.getType(0), file),
        field(value, file),
        !value.isRepetition(Type.Repetition.REQUIRED));
  }

  private static DataType primitive(PrimitiveType p, String file) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return DataTypes.createDecimalType(d.getPrecision(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INT32:
        if (a instanceof IntLogicalTypeAnnotation i) {
          if (!i.isSigned()) {
            return switch (i.getBitWidth()) {
              case 8 -> DataTypes.ShortType;
              case 16 -> DataTypes.IntegerType;
              default -> DataTypes.LongType;
            };
          }
          return switch (i.getBitWidth()) {
            case 8 -> DataTypes.ByteType;
            case 16 -> DataTypes.ShortType;
            default -> DataTypes.IntegerType;
          };
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return DataTypes.DateType;
        }
        return DataTypes.IntegerType;
      case INT64:
        if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
          return DataTypes.createDecimalType(20, 0);
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return DataTypes.TimestampType;
        }
        return DataTypes.LongType;
      case INT96:
        return DataTypes.TimestampType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return DataTypes.StringType;
        }
        return DataTypes.BinaryType;
      case FIXED_LEN_BYTE_ARRAY:
        return DataTypes.BinaryType;
      default:
        throw bad(file, p, "unsupported physical type " + p.getPrimitiveTypeName());
    }
  }

  private static IllegalArgumentException bad(String file, Type t, String what) {
    return new IllegalArgumentException(
        "Parquet file " + file + ": column " + t.getName() + " (" + t + "): " + what);
  }
}
