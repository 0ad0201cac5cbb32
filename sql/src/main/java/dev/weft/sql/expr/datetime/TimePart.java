package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.TimeZoneAwareExpression;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A field of a timestamp in the session zone: {@code hour(ts)}, {@code minute(ts)}, {@code
 * second(ts)}. A string or date argument is cast to a timestamp first.
 */
public record TimePart(Expression child, Field field, String timeZoneId)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes, TimeZoneAwareExpression {

  /** The fields. */
  public enum Field {
    HOUR,
    MINUTE,
    SECOND
  }

  /** The field in the session zone. */
  public TimePart(Expression child, Field field) {
    this(child, field, null);
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.TIMESTAMP);
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    LocalDateTime t = DateTimeUtils.toLocal((Long) in[0], zoneId());
    return switch (field) {
      case HOUR -> t.getHour();
      case MINUTE -> t.getMinute();
      case SECOND -> t.getSecond();
    };
  }

  @Override
  public Expression withChild(Expression c) {
    return new TimePart(c, field, timeZoneId);
  }

  @Override
  public Expression withTimeZone(String zone) {
    return new TimePart(child, field, zone);
  }

  @Override
  public String prettyName() {
    return field.name().toLowerCase(Locale.ROOT);
  }
}
