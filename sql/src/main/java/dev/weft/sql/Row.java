package dev.weft.sql;

import dev.weft.sql.types.StructType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row of a DataFrame, as {@code collect}, {@code take} and {@code first} return it, like
 * Spark's {@code Row}. Values are Java objects: {@code Boolean}, {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@link BigDecimal} (decimal),
 * {@code String}, {@code byte[]} (binary), {@link LocalDate} (date), {@link Instant} (timestamp),
 * {@link List} (array), {@link Map} (map) and {@code Row} (struct); null for SQL NULL.
 *
 * <p>Weft returns dates and timestamps as {@code java.time} values, as Spark does with {@code
 * spark.sql.datetime.java8API.enabled=true}, not as {@code java.sql.Date}/{@code Timestamp}.
 */
public interface Row extends Serializable {

  /** The number of fields. */
  int size();

  /** The schema, or null for a row made by {@link RowFactory#create} without one. */
  StructType schema();

  /** The value of field {@code i}, or null. */
  Object get(int i);

  /** Whether field {@code i} is null. */
  default boolean isNullAt(int i) {
    return get(i) == null;
  }

  /** The index of the field named {@code name}. */
  default int fieldIndex(String name) {
    StructType schema = schema();
    int i = schema == null ? -1 : schema.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "No field '"
              + name
              + "' in this row"
              + (schema == null
                  ? " (it has no schema)"
                  : "; fields: " + List.of(schema.fieldNames())));
    }
    return i;
  }

  /** The value of the field named {@code name}. */
  @SuppressWarnings("unchecked")
  default <T> T getAs(String name) {
    return (T) get(fieldIndex(name));
  }

  @SuppressWarnings("unchecked")
  default <T> T getAs(int i) {
    return (T) get(i);
  }

  default boolean getBoolean(int i) {
    return (Boolean) nonNull(i);
  }

  default byte getByte(int i) {
    return (Byte) nonNull(i);
  }

  default short getShort(int i) {
    return (Short) nonNull(i);
  }

  default int getInt(int i) {
    return (Integer) nonNull(i);
  }

  default long getLong(int i) {
    return (Long) nonNull(i);
  }

  default float getFloat(int i) {
    return (Float) nonNull(i);
  }

  default double getDouble(int i) {
    return (Double) nonNull(i);
  }

  default String getString(int i) {
    return (String) get(i);
  }

  default BigDecimal getDecimal(int i) {
    return (BigDecimal) get(i);
  }

  default LocalDate getDate(int i) {
    return (LocalDate) get(i);
  }

  default Instant getTimestamp(int i) {
    return (Instant) get(i);
  }

  @SuppressWarnings("unchecked")
  default <T> List<T> getList(int i) {
    return (List<T>) get(i);
  }

  @SuppressWarnings("unchecked")
  default <K, V> Map<K, V> getMap(int i) {
    return (Map<K, V>) get(i);
  }

  default Row getStruct(int i) {
    return (Row) get(i);
  }

  /** The primitive getters refuse null, as Spark's do. */
  private Object nonNull(int i) {
    Object v = get(i);
    if (v == null) {
      throw new NullPointerException(
          "Value at index "
              + i
              + (schema() != null ? " (" + schema().field(i).name() + ")" : "")
              + " is null; check isNullAt first or use get");
    }
    return v;
  }

  /** The values, in order. */
  default Object[] values() {
    Object[] values = new Object[size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(i);
    }
    return values;
  }
}
