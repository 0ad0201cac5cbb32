package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code split(str, regex, limit)}: the parts of the string around matches of the Java regular
 * expression, as an array of strings. With {@code limit > 0} at most that many parts (the last
 * holds the rest); with {@code limit <= 0} as many as there are, trailing empty strings kept
 * (unlike Java's {@code split}). An empty regex splits into characters.
 */
public record StringSplit(Expression str, Expression regex, Expression limit)
    implements NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(str, regex, limit);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new StringSplit(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.STRING, InputType.INT);
  }

  @Override
  public DataType dataType() {
    return DataTypes.createArrayType(DataTypes.StringType, false);
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    String s = (String) in[0];
    String regex = (String) in[1];
    int lim = (Integer) in[2];
    if (!s.isEmpty() && regex.isEmpty()) {
      int chars = s.codePointCount(0, s.length());
      int n = lim > chars || lim <= 0 ? chars : lim;
      List<Object> out = new ArrayList<>(n);
      int offset = 0;
      for (int i = 0; i < n - 1; i++) {
        int next = s.offsetByCodePoints(offset, 1);
        out.add(s.substring(offset, next));
        offset = next;
      }
      out.add(s.substring(offset));
      return Collections.unmodifiableList(out);
    }
    String[] parts = Patterns.regex(regex, "split").split(s, lim == 0 ? -1 : lim);
    return List.<Object>of((Object[]) parts).isEmpty()
        ? List.of()
        : Collections.unmodifiableList(Arrays.asList((Object[]) parts));
  }

  @Override
  public String prettyName() {
    return "split";
  }
}
