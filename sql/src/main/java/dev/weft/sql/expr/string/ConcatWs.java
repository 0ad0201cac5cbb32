package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.Collections;
import java.util.List;

/**
 * {@code concat_ws(sep, s1, s2, ...)}: the non-NULL strings joined by {@code sep} (NULL ones are
 * skipped); NULL only when {@code sep} is NULL. {@code children} is the separator then the strings.
 */
public record ConcatWs(List<Expression> children) implements ImplicitCastInputTypes {

  public ConcatWs {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("concat_ws needs a separator");
    }
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new ConcatWs(c);
  }

  @Override
  public List<InputType> inputTypes() {
    return Collections.nCopies(children.size(), InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public boolean nullable() {
    return children.get(0).nullable();
  }

  @Override
  public Object eval(InternalRow input) {
    Object sep = children.get(0).eval(input);
    if (sep == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    boolean first = true;
    for (int i = 1; i < children.size(); i++) {
      Object s = children.get(i).eval(input);
      if (s != null) {
        if (!first) {
          b.append((String) sep);
        }
        b.append((String) s);
        first = false;
      }
    }
    return b.toString();
  }

  @Override
  public String prettyName() {
    return "concat_ws";
  }
}
