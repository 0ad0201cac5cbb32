package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** Schemas of attribute lists. */
public final class Schemas {
  private Schemas() {}

  public static StructType of(List<AttributeReference> attrs) {
    List<StructField> fields = new ArrayList<>();
    for (AttributeReference a : attrs) {
      fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
    }
    return StructType.of(fields);
  }
}
