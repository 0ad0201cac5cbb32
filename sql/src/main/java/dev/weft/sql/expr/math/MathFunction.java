package dev.weft.sql.expr.math;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.Locale;

/**
 * A function of one double: {@code sqrt} (NaN below 0), {@code exp}, {@code ln}, {@code log10},
 * {@code log2} (NULL at and below 0, as Spark), {@code cbrt}, {@code signum}.
 */
public record MathFunction(Expression child, Op op)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {

  /** The functions. */
  public enum Op {
    SQRT,
    EXP,
    LN,
    LOG10,
    LOG2,
    CBRT,
    SIGNUM
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.DOUBLE);
  }

  @Override
  public DataType dataType() {
    return DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return child.nullable() || op == Op.LN || op == Op.LOG10 || op == Op.LOG2;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    double d = (Double) in[0];
    return switch (op) {
      case SQRT -> Math.sqrt(d);
      case EXP -> Math.exp(d);
      case LN -> d <= 0 ? null : Math.log(d);
      case LOG10 -> d <= 0 ? null : Math.log10(d);
      case LOG2 -> d <= 0 ? null : Math.log(d) / Math.log(2);
      case CBRT -> Math.cbrt(d);
      case SIGNUM -> Math.signum(d);
    };
  }

  @Override
  public Expression withChild(Expression c) {
    return new MathFunction(c, op);
  }

  @Override
  public String prettyName() {
    return op.name().toLowerCase(Locale.ROOT);
  }
}
