package dev.weft.sql.analysis;

import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;

/**
 * The analyzer's single entry to implicit casts: Spark's (non-ANSI) coercion rules of {@link
 * TypeCoercion}, plus the widening helpers set operations use.
 */
public final class ImplicitCasts {
  private ImplicitCasts() {}

  /** {@code e} with casts inserted where its inputs' types differ but are compatible. */
  public static Expression coerce(Expression e) {
    return TypeCoercion.coerceAll(e);
  }

  /** The expression as {@code type}: a typed NULL for a NULL literal, else a cast if needed. */
  public static Expression castTo(Expression e, DataType type) {
    if (e.dataType().equals(type)) {
      return e;
    }
    if (e instanceof Literal l && l.value() == null) {
      return Literal.nullOf(type);
    }
    return new Cast(e, type);
  }

  /** The narrowest type both can widen to without losing values, or null. */
  public static DataType widerType(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a.kind() == DataType.Kind.NULL) {
      return b;
    }
    if (b.kind() == DataType.Kind.NULL) {
      return a;
    }
    if (!a.isNumeric() || !b.isNumeric()) {
      return null;
    }
    if (a instanceof DecimalType || b instanceof DecimalType) {
      if (isFractional(a) || isFractional(b)) {
        return DataTypes.DoubleType;
      }
      DecimalType x = asDecimal(a);
      DecimalType y = asDecimal(b);
      int scale = Math.max(x.scale(), y.scale());
      int whole = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
      return DataTypes.createDecimalType(Math.min(38, whole + scale), scale);
    }
    if (isFractional(a) || isFractional(b)) {
      return a.kind() == DataType.Kind.FLOAT && b.kind() == DataType.Kind.FLOAT
          ? DataTypes.FloatType
          : DataTypes.DoubleType;
    }
    return a.kind().ordinal() >= b.kind().ordinal() ? a : b;
  }

  private static boolean isFractional(DataType t) {
    return t.kind() == DataType.Kind.FLOAT || t.kind() == DataType.Kind.DOUBLE;
  }

  private static DecimalType asDecimal(DataType t) {
    return switch (t.kind()) {
      case BYTE -> DataTypes.createDecimalType(3, 0);
      case SHORT -> DataTypes.createDecimalType(5, 0);
      case INT -> DataTypes.createDecimalType(10, 0);
      case LONG -> DataTypes.createDecimalType(20, 0);
      default -> (DecimalType) t;
    };
  }
}
