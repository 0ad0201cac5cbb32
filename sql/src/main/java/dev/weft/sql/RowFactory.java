package dev.weft.sql;

import dev.weft.sql.types.StructType;

/** Makes {@link Row}s, for {@code createDataFrame} and for tests. */
public final class RowFactory {
  private RowFactory() {}

  /** A row of these values, without a schema (a DataFrame gives it one). */
  public static Row create(Object... values) {
    return new GenericRow(values.clone(), null);
  }

  /** A row of these values with its schema. */
  public static Row create(StructType schema, Object... values) {
    if (schema.size() != values.length) {
      throw new IllegalArgumentException(
          "A row of schema "
              + schema.simpleString()
              + " needs "
              + schema.size()
              + " values, got "
              + values.length);
    }
    return new GenericRow(values.clone(), schema);
  }
}
