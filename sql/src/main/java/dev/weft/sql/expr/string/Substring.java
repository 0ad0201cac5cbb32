package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code substring(str, pos, len)}: {@code len} characters from the 1-based position {@code pos}; a
 * position of 0 is 1, a negative one counts from the end ({@code -3} is the third character from
 * the end); past the end or a length &lt;= 0 gives an empty string. Also on binary (bytes).
 */
public record Substring(Expression str, Expression pos, Expression len)
    implements NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(str, pos, len);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Substring(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(
        InputType.oneOf(InputType.STRING, InputType.BINARY), InputType.INT, InputType.INT);
  }

  @Override
  public DataType dataType() {
    return str.dataType();
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    int p = (Integer) in[1];
    int l = (Integer) in[2];
    if (in[0] instanceof byte[] bytes) {
      int[] range = range(bytes.length, p, l);
      return Arrays.copyOfRange(bytes, range[0], range[1]);
    }
    String s = (String) in[0];
    int chars = s.codePointCount(0, s.length());
    int[] range = range(chars, p, l);
    if (chars == s.length()) {
      return s.substring(range[0], range[1]);
    }
    int from = s.offsetByCodePoints(0, range[0]);
    return s.substring(from, s.offsetByCodePoints(from, range[1] - range[0]));
  }

  /** The [start, end) character range of Spark's {@code substringSQL} in a string of n. */
  static int[] range(int n, int pos, int len) {
    long start = pos > 0 ? pos - 1L : pos < 0 ? (long) n + pos : 0;
    long end = start + len;
    start = Math.max(start, 0);
    end = Math.min(end, n);
    return start >= end ? new int[] {0, 0} : new int[] {(int) start, (int) end};
  }

  @Override
  public String sql() {
    return "substring(" + str.sql() + ", " + pos.sql() + ", " + len.sql() + ")";
  }
}
