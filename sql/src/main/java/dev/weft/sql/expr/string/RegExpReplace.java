package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code regexp_replace(str, regex, replacement)}: every match of the Java regular expression
 * replaced; the replacement may refer to groups as {@code $1} (a literal {@code $} is {@code \$}).
 */
public record RegExpReplace(Expression str, Expression regex, Expression replacement)
    implements NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(str, regex, replacement);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new RegExpReplace(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.STRING, InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    try {
      return Patterns.regex((String) in[1], "regexp_replace")
          .matcher((String) in[0])
          .replaceAll((String) in[2]);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "regexp_replace: invalid replacement '" + in[2] + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String prettyName() {
    return "regexp_replace";
  }
}
