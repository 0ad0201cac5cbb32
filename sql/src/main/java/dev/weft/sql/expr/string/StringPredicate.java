package dev.weft.sql.expr.string;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.Locale;

/** {@code startswith(str, prefix)}, {@code endswith(str, suffix)}, {@code contains(str, part)}. */
public record StringPredicate(Expression left, Expression right, Kind kind)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  /** The test. */
  public enum Kind {
    STARTS_WITH,
    ENDS_WITH,
    CONTAINS
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
    String s = (String) in[0];
    String p = (String) in[1];
    return switch (kind) {
      case STARTS_WITH -> s.startsWith(p);
      case ENDS_WITH -> s.endsWith(p);
      case CONTAINS -> s.contains(p);
    };
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new StringPredicate(l, r, kind);
  }

  @Override
  public String prettyName() {
    return kind.name().replace("_", "").toLowerCase(Locale.ROOT);
  }
}
