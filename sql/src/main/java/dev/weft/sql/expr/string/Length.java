package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/** {@code length(str)}: the number of characters (Unicode code points); of a binary, its bytes. */
public record Length(Expression child)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {
  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.oneOf(InputType.STRING, InputType.BINARY));
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return in[0] instanceof String s ? s.codePointCount(0, s.length()) : ((byte[]) in[0]).length;
  }

  @Override
  public Expression withChild(Expression c) {
    return new Length(c);
  }
}
