package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.Locale;

/** {@code lower(str)}: the string in lower case (locale-independent). */
public record Lower(Expression child)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {
  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return ((String) in[0]).toLowerCase(Locale.ROOT);
  }

  @Override
  public Expression withChild(Expression c) {
    return new Lower(c);
  }
}
