package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code datediff(end, start)}: the days from {@code start} to {@code end} (negative if before).
 */
public record DateDiff(Expression left, Expression right)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.DATE, InputType.DATE);
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return (Integer) in[0] - (Integer) in[1];
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new DateDiff(l, r);
  }
}
