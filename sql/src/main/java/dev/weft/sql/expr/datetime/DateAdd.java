package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code date_add(start, days)} and, with {@code subtract}, {@code date_sub(start, days)}: the date
 * {@code days} days after (before) {@code start}. {@code date + int} is rewritten to it.
 */
public record DateAdd(Expression left, Expression right, boolean subtract)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes {

  /** {@code date_add(start, days)}. */
  public DateAdd(Expression left, Expression right) {
    this(left, right, false);
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(
        InputType.DATE,
        InputType.oneOf(
            InputType.INT, InputType.of(DataTypes.ShortType), InputType.of(DataTypes.ByteType)));
  }

  @Override
  public DataType dataType() {
    return DataTypes.DateType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    int days = ((Number) in[1]).intValue();
    return subtract ? (Integer) in[0] - days : (Integer) in[0] + days;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new DateAdd(l, r, subtract);
  }

  @Override
  public String prettyName() {
    return subtract ? "date_sub" : "date_add";
  }
}
