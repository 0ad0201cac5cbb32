package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code lpad(str, len, pad)} and {@code rpad(str, len, pad)}: the string padded on the left
 * (right) with repetitions of {@code pad} to {@code len} characters, or cut to {@code len} when
 * longer; an empty {@code pad} pads nothing; {@code len <= 0} gives an empty string.
 */
public record StringPad(Expression str, Expression len, Expression pad, boolean left)
    implements NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(str, len, pad);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new StringPad(c.get(0), c.get(1), c.get(2), left);
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.INT, InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    String s = (String) in[0];
    int n = (Integer) in[1];
    String p = (String) in[2];
    int chars = s.codePointCount(0, s.length());
    if (n <= 0) {
      return "";
    }
    if (n <= chars || p.isEmpty()) {
      return s.substring(0, s.offsetByCodePoints(0, Math.min(n, chars)));
    }
    int padChars = p.codePointCount(0, p.length());
    int missing = n - chars;
    StringBuilder fill = new StringBuilder();
    for (int i = 0; i < missing / padChars; i++) {
      fill.append(p);
    }
    fill.append(p, 0, p.offsetByCodePoints(0, missing % padChars));
    return left ? fill + s : s + fill;
  }

  @Override
  public String prettyName() {
    return left ? "lpad" : "rpad";
  }
}
