package dev.weft.sql.expr.string;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code str RLIKE regex}: whether the Java regular expression matches somewhere in the string
 * (anchor it with {@code ^...$} to match the whole string).
 */
public record RLike(Expression left, Expression right)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return Patterns.regex((String) in[1], "rlike").matcher((String) in[0]).find();
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new RLike(l, r);
  }

  @Override
  public String sql() {
    return left.sql() + " RLIKE " + right.sql();
  }
}
