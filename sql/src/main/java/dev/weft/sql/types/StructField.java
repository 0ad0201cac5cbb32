package dev.weft.sql.types;

import java.io.Serializable;
import java.util.Objects;

/**
 * A named field of a {@link StructType}.
 *
 * @param name the field's name (case is kept; lookups by the analyzer ignore it, as Spark's do)
 * @param dataType the field's type
 * @param nullable whether the field may hold null
 */
public record StructField(String name, DataType dataType, boolean nullable)
    implements Serializable {
  public StructField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
  }

  /** This field as {@code name: type (nullable = true)}, as {@code printSchema} shows it. */
  @Override
  public String toString() {
    return name + ": " + dataType.simpleString() + " (nullable = " + nullable + ")";
  }
}
