package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code regexp_extract(str, regex, idx)}: group {@code idx} (0 is the whole match) of the first
 * match of the Java regular expression; an empty string when nothing matches or the group did not
 * take part. A group index beyond the expression's groups fails with a message, as in Spark.
 */
public record RegExpExtract(Expression str, Expression regex, Expression idx)
    implements NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(str, regex, idx);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new RegExpExtract(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.STRING, InputType.INT);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    Matcher m = Patterns.regex((String) in[1], "regexp_extract").matcher((String) in[0]);
    int group = (Integer) in[2];
    if (group < 0 || group > m.groupCount()) {
      throw new IllegalArgumentException(
          "regexp_extract: the regex '"
              + in[1]
              + "' has "
              + m.groupCount()
              + " groups, but group index "
              + group
              + " was asked");
    }
    if (!m.find()) {
      return "";
    }
    String g = m.group(group);
    return g == null ? "" : g;
  }

  @Override
  public String prettyName() {
    return "regexp_extract";
  }
}
