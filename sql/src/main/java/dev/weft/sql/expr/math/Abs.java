package dev.weft.sql.expr.math;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import java.math.BigDecimal;
import java.util.List;

/** {@code abs(x)}: the absolute value, of the same type; the smallest integral value wraps. */
public record Abs(Expression child)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.Family.NUMERIC);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    Object v = in[0];
    return switch (dataType().kind()) {
      case BYTE -> (byte) Math.abs((Byte) v);
      case SHORT -> (short) Math.abs((Short) v);
      case INT -> Math.abs((Integer) v);
      case LONG -> Math.abs((Long) v);
      case FLOAT -> Math.abs((Float) v);
      case DOUBLE -> Math.abs((Double) v);
      case DECIMAL -> ((BigDecimal) v).abs();
      default -> throw new IllegalStateException(sql() + " on " + dataType().simpleString());
    };
  }

  @Override
  public Expression withChild(Expression c) {
    return new Abs(c);
  }
}
