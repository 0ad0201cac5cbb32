package dev.weft.sql.expr.string;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.Collections;
import java.util.List;

/** {@code concat(s1, s2, ...)}: the strings joined; NULL when any is NULL. */
public record Concat(List<Expression> children) implements NullIntolerant, ImplicitCastInputTypes {

  public Concat {
    children = List.copyOf(children);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Concat(c);
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
  public Object nullSafeEval(Object[] in) {
    StringBuilder b = new StringBuilder();
    for (Object s : in) {
      b.append((String) s);
    }
    return b.toString();
  }
}
