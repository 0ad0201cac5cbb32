package dev.weft.sql.expr.math;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code round(x, d)} (half up) and {@code bround(x, d)} (half even): {@code x} rounded to {@code
 * d} decimal places ({@code d} negative rounds to tens, hundreds...). The result has {@code x}'s
 * type, except decimals, which get Spark's decimal(p - s + 1 + min(s, d), min(s, d)). Doubles round
 * by their decimal text ({@code round(2.675, 2)} is 2.68), NaN and infinities stay; an integral
 * result wraps, a decimal one that does not fit is NULL. {@code d} must be a constant.
 */
public record Round(Expression left, Expression right, boolean halfEven)
    implements BinaryExpression, ImplicitCastInputTypes {

  /** {@code round(x, d)}, half up. */
  public Round(Expression left, Expression right) {
    this(left, right, false);
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.Family.NUMERIC, InputType.INT);
  }

  @Override
  public String checkInputTypes() {
    String e = ImplicitCastInputTypes.super.checkInputTypes();
    if (e == null && !right.foldable()) {
      return "the scale of " + sql() + " must be a constant";
    }
    return e;
  }

  private int scale() {
    Object s = right.eval(null);
    return s == null ? 0 : (Integer) s;
  }

  @Override
  public DataType dataType() {
    if (left.dataType() instanceof DecimalType d) {
      int scale = scale();
      int integral = d.precision() - d.scale() + 1;
      if (scale < 0) {
        return DataTypes.createDecimalType(Math.min(Math.max(integral, -scale + 1), 38), 0);
      }
      int newScale = Math.min(d.scale(), scale);
      return DataTypes.createDecimalType(Math.min(integral + newScale, 38), newScale);
    }
    return left.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = left.eval(input);
    Object s = right.eval(input);
    if (v == null || s == null) {
      return null;
    }
    int scale = (Integer) s;
    RoundingMode mode = halfEven ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP;
    switch (left.dataType().kind()) {
      case DOUBLE -> {
        double d = (Double) v;
        return Double.isNaN(d) || Double.isInfinite(d)
            ? d
            : new BigDecimal(Double.toString(d)).setScale(scale, mode).doubleValue();
      }
      case FLOAT -> {
        float f = (Float) v;
        return Float.isNaN(f) || Float.isInfinite(f)
            ? f
            : new BigDecimal(Double.toString(f)).setScale(scale, mode).floatValue();
      }
      case DECIMAL -> {
        DecimalType t = (DecimalType) dataType();
        BigDecimal r = ((BigDecimal) v).setScale(scale, mode).setScale(t.scale(), mode);
        return r.precision() - r.scale() > t.precision() - t.scale() ? null : r;
      }
      default -> {
        long x = ((Number) v).longValue();
        long r = scale >= 0 ? x : BigDecimal.valueOf(x).setScale(scale, mode).longValue();
        return switch (left.dataType().kind()) {
          case BYTE -> (byte) r;
          case SHORT -> (short) r;
          case INT -> (int) r;
          default -> r;
        };
      }
    }
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Round(l, r, halfEven);
  }

  @Override
  public String prettyName() {
    return halfEven ? "bround" : "round";
  }
}
