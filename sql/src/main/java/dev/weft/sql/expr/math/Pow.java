package dev.weft.sql.expr.math;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/** {@code pow(x, y)}: x raised to y, as doubles ({@link Math#pow}). */
public record Pow(Expression left, Expression right)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.DOUBLE, InputType.DOUBLE);
  }

  @Override
  public DataType dataType() {
    return DataTypes.DoubleType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return Math.pow((Double) in[0], (Double) in[1]);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Pow(l, r);
  }

  @Override
  public String prettyName() {
    return "power";
  }
}
