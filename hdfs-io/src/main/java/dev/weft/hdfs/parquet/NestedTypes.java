package dev.weft.hdfs.parquet;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * The shapes of Parquet's nested types, with the backward-compatibility rules of the Parquet
 * format, so that lists and maps written by any writer (Spark, Hive, Impala, parquet-avro old and
 * new, parquet-thrift) read the same way.
 */
final class NestedTypes {
  private NestedTypes() {}

  /** The repeated field of a {@code LIST} group. */
  static Type repeatedField(GroupType list) {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new ParquetToAvro.UnreadableType(
          "column " + list.getName() + " is a LIST without a single repeated field: " + list);
    }
    return list.getType(0);
  }

  /**
   * The element type of a {@code LIST} group: the repeated field itself in the legacy 2-level forms
   * (a primitive, a group of several fields, a group named {@code array} as old parquet-avro wrote,
   * or {@code <list>_tuple} as parquet-thrift does), else the repeated group's single field (the
   * standard 3-level form {@code list}/{@code element}, whatever the names).
   */
  static Type listElement(GroupType list) {
    Type repeated = repeatedField(list);
    if (repeated.isPrimitive()) {
      return repeated;
    }
    GroupType group = repeated.asGroupType();
    if (group.getFieldCount() != 1
        || group.getName().equals("array")
        || group.getName().equals(list.getName() + "_tuple")) {
      return repeated;
    }
    return group.getType(0);
  }

  /** The repeated key-value group of a {@code MAP} (or legacy {@code MAP_KEY_VALUE}) group. */
  static GroupType keyValue(GroupType map) {
    if (map.getFieldCount() != 1
        || map.getType(0).isPrimitive()
        || !map.getType(0).isRepetition(Type.Repetition.REPEATED)
        || map.getType(0).asGroupType().getFieldCount() == 0
        || map.getType(0).asGroupType().getFieldCount() > 2) {
      throw new ParquetToAvro.UnreadableType(
          "column "
              + map.getName()
              + " is a MAP without a repeated group of key and value: "
              + map);
    }
    return map.getType(0).asGroupType();
  }

  /** Whether a map's keys, the first field of its key-value group, are strings. */
  static boolean hasStringKeys(GroupType keyValue) {
    Type key = keyValue.getType(0);
    return key.isPrimitive()
        && key.asPrimitiveType().getPrimitiveTypeName()
            == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY
        && ParquetToAvro.isText(key.getLogicalTypeAnnotation());
  }
}
