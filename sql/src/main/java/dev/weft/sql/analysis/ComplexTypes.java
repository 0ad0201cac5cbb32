package dev.weft.sql.analysis;

import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/** Common types of arrays, maps and structs, element by element, for {@link TypeCoercion}. */
final class ComplexTypes {
  private ComplexTypes() {}

  static Optional<DataType> common(
      DataType a, DataType b, BiFunction<DataType, DataType, Optional<DataType>> find) {
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      return find.apply(x.elementType(), y.elementType())
          .map(t -> DataTypes.createArrayType(t, x.containsNull() || y.containsNull()));
    }
    if (a instanceof MapType x && b instanceof MapType y) {
      Optional<DataType> k = find.apply(x.keyType(), y.keyType());
      Optional<DataType> v = find.apply(x.valueType(), y.valueType());
      if (k.isPresent() && v.isPresent()) {
        return Optional.of(
            DataTypes.createMapType(
                k.get(), v.get(), x.valueContainsNull() || y.valueContainsNull()));
      }
      return Optional.empty();
    }
    if (a instanceof StructType x && b instanceof StructType y && x.size() == y.size()) {
      List<StructField> fields = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        StructField f = x.field(i);
        StructField g = y.field(i);
        if (!f.name().toLowerCase(Locale.ROOT).equals(g.name().toLowerCase(Locale.ROOT))) {
          return Optional.empty();
        }
        Optional<DataType> t = find.apply(f.dataType(), g.dataType());
        if (t.isEmpty()) {
          return Optional.empty();
        }
        fields.add(new StructField(f.name(), t.get(), f.nullable() || g.nullable()));
      }
      return Optional.of(StructType.of(fields));
    }
    return Optional.empty();
  }

  /** Whether the type is or holds a string. */
  static boolean hasString(DataType t) {
    if (t instanceof ArrayType a) {
      return hasString(a.elementType());
    }
    return t.kind() == DataType.Kind.STRING;
  }
}
