package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code locate(substr, str, pos)}: the 1-based character position of the first occurrence of
 * {@code substr} in {@code str} at or after {@code pos}, 0 when there is none or {@code pos < 1};
 * NULL when {@code substr} or {@code str} is NULL, 0 when {@code pos} is (as Spark). {@code
 * instr(str, substr)} is {@code locate(substr, str, 1)}.
 */
public record StringLocate(Expression substr, Expression str, Expression pos)
    implements ImplicitCastInputTypes {

  @Override
  public List<Expression> children() {
    return List.of(substr, str, pos);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new StringLocate(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.STRING, InputType.STRING, InputType.INT);
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public boolean nullable() {
    return substr.nullable() || str.nullable();
  }

  @Override
  public Object eval(InternalRow input) {
    Object p = pos.eval(input);
    if (p == null) {
      return 0;
    }
    Object sub = substr.eval(input);
    if (sub == null) {
      return null;
    }
    Object s = str.eval(input);
    if (s == null) {
      return null;
    }
    return locate((String) sub, (String) s, (Integer) p);
  }

  /** The 1-based code point position of {@code sub} in {@code s} from {@code start}, or 0. */
  static int locate(String sub, String s, int start) {
    int chars = s.codePointCount(0, s.length());
    if (start < 1 || start - 1 > chars) {
      return 0;
    }
    int from = s.offsetByCodePoints(0, start - 1);
    int at = s.indexOf(sub, from);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  @Override
  public String prettyName() {
    return "locate";
  }
}
