package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trim(str)}, {@code ltrim(str)}, {@code rtrim(str)}: the string without the spaces (only
 * U+0020, as Spark) at both ends, the start or the end; with {@code trimChars}, without any of
 * those characters instead. {@code trimChars} is null for the one-argument form.
 */
public record StringTrim(Expression str, Expression trimChars, Side side)
    implements NullIntolerant, ImplicitCastInputTypes {

  /** Which ends are trimmed. */
  public enum Side {
    BOTH("trim"),
    LEADING("ltrim"),
    TRAILING("rtrim");

    private final String function;

    Side(String function) {
      this.function = function;
    }
  }

  @Override
  public List<Expression> children() {
    return trimChars == null ? List.of(str) : List.of(str, trimChars);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new StringTrim(c.get(0), c.size() > 1 ? c.get(1) : null, side);
  }

  @Override
  public List<InputType> inputTypes() {
    List<InputType> t = new ArrayList<>();
    for (int i = 0; i < children().size(); i++) {
      t.add(InputType.STRING);
    }
    return t;
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    String s = (String) in[0];
    String chars = in.length > 1 ? (String) in[1] : " ";
    int start = 0;
    int end = s.length();
    if (side != Side.TRAILING) {
      while (start < end && chars.indexOf(s.codePointAt(start)) >= 0) {
        start += Character.charCount(s.codePointAt(start));
      }
    }
    if (side != Side.LEADING) {
      while (end > start && chars.indexOf(s.codePointBefore(end)) >= 0) {
        end -= Character.charCount(s.codePointBefore(end));
      }
    }
    return s.substring(start, end);
  }

  @Override
  public String prettyName() {
    return side.function;
  }
}
