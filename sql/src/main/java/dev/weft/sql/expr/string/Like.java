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
 * {@code str LIKE pattern [ESCAPE escape]}: whether the whole string matches; {@code _} is one
 * character, {@code %} any sequence (also empty), and the escape character ({@code \} by default)
 * makes the next {@code _}, {@code %} or itself literal. Case-sensitive.
 */
public record Like(Expression left, Expression right, char escape)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  /** {@code str LIKE pattern} with the default escape character {@code \}. */
  public Like(Expression left, Expression right) {
    this(left, right, '\\');
  }

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
    return Patterns.like((String) in[1], escape).matcher((String) in[0]).matches();
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new Like(l, r, escape);
  }

  @Override
  public String sql() {
    return left.sql() + " LIKE " + right.sql() + (escape == '\\' ? "" : " ESCAPE '" + escape + "'");
  }
}
