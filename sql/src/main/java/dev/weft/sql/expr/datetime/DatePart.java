package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A field of a date: {@code year(d)}, {@code quarter(d)}, {@code month(d)}, {@code dayofmonth(d)},
 * {@code dayofweek(d)} (1 = Sunday .. 7 = Saturday), {@code dayofyear(d)}, {@code weekofyear(d)}
 * (ISO week). A timestamp or string argument is cast to a date first (in the session zone), as in
 * Spark.
 */
public record DatePart(Expression child, Field field)
    implements UnaryExpression, NullIntolerant, ImplicitCastInputTypes {

  /** The fields. */
  public enum Field {
    YEAR,
    QUARTER,
    MONTH,
    DAYOFMONTH,
    DAYOFWEEK,
    DAYOFYEAR,
    WEEKOFYEAR
  }

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.DATE);
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public Object nullSafeEval(Object[] in) {
    LocalDate d = LocalDate.ofEpochDay((Integer) in[0]);
    return switch (field) {
      case YEAR -> d.getYear();
      case QUARTER -> (d.getMonthValue() - 1) / 3 + 1;
      case MONTH -> d.getMonthValue();
      case DAYOFMONTH -> d.getDayOfMonth();
      case DAYOFWEEK -> d.getDayOfWeek().getValue() % 7 + 1;
      case DAYOFYEAR -> d.getDayOfYear();
      case WEEKOFYEAR -> d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    };
  }

  @Override
  public Expression withChild(Expression c) {
    return new DatePart(c, field);
  }

  @Override
  public String prettyName() {
    return field.name().toLowerCase(Locale.ROOT);
  }
}
