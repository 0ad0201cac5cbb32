package dev.weft.sql.expr.math;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.expr.arith.DecimalPrecision;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code floor(x)} and {@code ceil(x)}: a bigint for a double (saturating, NaN is 0) or a whole
 * number, a decimal(p - s + 1, 0) for a decimal(p, s), as in Spark.
 */
public record FloorCeil(Expression child, boolean ceil)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.oneOf(InputType.DOUBLE, InputType.Family.DECIMAL, InputType.LONG));
  }

  @Override
  public DataType dataType() {
    return child.dataType() instanceof DecimalType d
        ? DecimalPrecision.bounded(d.precision() - d.scale() + 1, 0)
        : DataTypes.LongType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    Object v = in[0];
    if (v instanceof Double d) {
      return (long) (ceil ? Math.ceil(d) : Math.floor(d));
    }
    if (v instanceof BigDecimal d) {
      return d.setScale(0, ceil ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
    return v;
  }

  @Override
  public Expression withChild(Expression c) {
    return new FloorCeil(c, ceil);
  }

  @Override
  public String prettyName() {
    return ceil ? "ceil" : "floor";
  }
}
