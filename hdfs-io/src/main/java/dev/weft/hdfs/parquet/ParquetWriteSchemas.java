package dev.weft.hdfs.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema Weft writes Avro records in: parquet-avro's, plus the 8- and 16-bit integer
 * annotations of the {@code int} fields that were read from such columns ({@link #INT_BIT_WIDTH}),
 * so that Spark's {@code tinyint} and {@code smallint} keep their type through Weft. The values
 * written are the same {@code INT32}s either way.
 */
final class ParquetWriteSchemas {
  /**
   * The property of an Avro {@code int} schema that records the bit width (8 or 16) of the signed
   * Parquet integer column it was read from.
   */
  static final String INT_BIT_WIDTH = "weft.parquet.intBitWidth";

  private ParquetWriteSchemas() {}

  /** The Parquet schema of files holding records of {@code avro}, a record schema. */
  static MessageType of(Schema avro, Configuration conf) {
    MessageType converted = new AvroSchemaConverter(conf).convert(avro);
    return new MessageType(converted.getName(), fields(converted, avro));
  }

  private static List<Type> fields(GroupType group, Schema record) {
    List<Type> fields = new ArrayList<>();
    for (Type field : group.getFields()) {
      Schema.Field avroField = record.getField(field.getName());
      fields.add(avroField == null ? field : annotate(field, avroField.schema()));
    }
    return fields;
  }

  private static Type annotate(Type type, Schema schema) {
    Schema avro = GenericRecordMaterializer.nonNull(schema);
    if (type.isPrimitive()) {
      Object bits = avro.getObjectProp(INT_BIT_WIDTH);
      PrimitiveType primitive = type.asPrimitiveType();
      if (avro.getType() == Schema.Type.INT
          && primitive.getPrimitiveTypeName() == PrimitiveTypeName.INT32
          && primitive.getLogicalTypeAnnotation() == null
          && (Integer.valueOf(8).equals(bits) || Integer.valueOf(16).equals(bits))) {
        return Types.primitive(PrimitiveTypeName.INT32, type.getRepetition())
            .as(LogicalTypeAnnotation.intType((Integer) bits, true))
            .named(type.getName());
      }
      return type;
    }
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    switch (avro.getType()) {
      case RECORD:
        return annotation == null ? group.withNewFields(fields(group, avro)) : group;
      case ARRAY:
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
            && group.getFieldCount() == 1) {
          Type repeated = group.getType(0);
          Type element = NestedTypes.listElement(group);
          Type annotated =
              element == repeated
                  ? annotate(repeated, avro.getElementType())
                  : repeated
                      .asGroupType()
                      .withNewFields(List.of(annotate(element, avro.getElementType())));
          return group.withNewFields(List.of(annotated));
        }
        return group;
      case MAP:
        if (group.getFieldCount() == 1
            && !group.getType(0).isPrimitive()
            && group.getType(0).asGroupType().getFieldCount() == 2) {
          GroupType keyValue = group.getType(0).asGroupType();
          Type value = annotate(keyValue.getType(1), avro.getValueType());
          return group.withNewFields(
              List.of(keyValue.withNewFields(List.of(keyValue.getType(0), value))));
        }
        return group;
      default:
        return group;
    }
  }
}
