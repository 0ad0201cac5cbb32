package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.TypeChecks;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import java.math.BigDecimal;
import java.util.List;

/** {@code -child}; the negation of the smallest integral value wraps to itself (non-ANSI). */
public record UnaryMinus(Expression child) implements UnaryExpression, NullIntolerant {

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public String checkInputTypes() {
    return TypeChecks.check(this, List.of(InputType.Family.NUMERIC));
  }

  @Override
  public Object nullSafeEval(Object[] inputs) {
    Object v = inputs[0];
    return switch (dataType().kind()) {
      case BYTE -> (byte) -(Byte) v;
      case SHORT -> (short) -(Short) v;
      case INT -> -(Integer) v;
      case LONG -> -(Long) v;
      case FLOAT -> -(Float) v;
      case DOUBLE -> -(Double) v;
      case DECIMAL -> ((BigDecimal) v).negate();
      default -> throw new IllegalStateException(sql() + " on " + dataType().simpleString());
    };
  }

  @Override
  public Expression withChild(Expression c) {
    return new UnaryMinus(c);
  }

  @Override
  public String prettyName() {
    return "negative";
  }

  @Override
  public String sql() {
    return "(- " + child.sql() + ")";
  }
}
