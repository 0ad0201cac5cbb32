package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.TimeZoneAwareExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code date_format(ts, fmt)}: the timestamp (a date or string is cast to one) as text in the
 * session zone with a Spark datetime pattern ({@link DateTimeFormats}).
 */
public record DateFormat(Expression left, Expression right, String timeZoneId)
    implements BinaryExpression, NullIntolerant, ImplicitCastInputTypes, TimeZoneAwareExpression {

  /** Formats in the session zone. */
  public DateFormat(Expression left, Expression right) {
    this(left, right, null);
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.TIMESTAMP, InputType.STRING);
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    return DateTimeFormats.format((Long) in[0], (String) in[1], zoneId());
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new DateFormat(l, r, timeZoneId);
  }

  @Override
  public Expression withTimeZone(String zone) {
    return new DateFormat(left, right, zone);
  }

  @Override
  public String prettyName() {
    return "date_format";
  }
}
