package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.Casts;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.TimeZoneAwareExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code to_date(str[, fmt])}, {@code to_timestamp(str[, fmt])} and {@code unix_timestamp(str[,
 * fmt])}: a string parsed with a Spark datetime pattern, in the session zone unless it reads a
 * zone; NULL when it does not match (non-ANSI). Without a pattern a string is cast as {@code CAST}
 * reads it; a date or timestamp argument is converted directly. {@code unix_timestamp} gives the
 * seconds since the epoch, and with its default pattern {@code yyyy-MM-dd HH:mm:ss}.
 */
public record ParseToTimestamp(
    Expression child, Expression format, Target target, String timeZoneId)
    implements TimeZoneAwareExpression, ImplicitCastInputTypes {

  /** What is produced. */
  public enum Target {
    DATE("to_date", DataTypes.DateType),
    TIMESTAMP("to_timestamp", DataTypes.TimestampType),
    UNIX_SECONDS("unix_timestamp", DataTypes.LongType);

    private final String function;
    private final DataType type;

    Target(String function, DataType type) {
      this.function = function;
      this.type = type;
    }
  }

  /** In the session zone; {@code format} may be null. */
  public ParseToTimestamp(Expression child, Expression format, Target target) {
    this(child, format, target, null);
  }

  @Override
  public List<Expression> children() {
    return format == null ? List.of(child) : List.of(child, format);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new ParseToTimestamp(c.get(0), c.size() > 1 ? c.get(1) : null, target, timeZoneId);
  }

  @Override
  public Expression withTimeZone(String zone) {
    return new ParseToTimestamp(child, format, target, zone);
  }

  @Override
  public DataType dataType() {
    return target.type;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<InputType> inputTypes() {
    List<InputType> t = new ArrayList<>();
    t.add(InputType.oneOf(InputType.STRING, InputType.DATE, InputType.TIMESTAMP));
    if (format != null) {
      t.add(InputType.STRING);
    }
    return t;
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = child.eval(input);
    if (v == null) {
      return null;
    }
    Long micros;
    Kind kind = child.dataType().kind();
    if (kind == Kind.STRING) {
      String fmt = null;
      if (format != null) {
        fmt = (String) format.eval(input);
        if (fmt == null) {
          return null;
        }
      } else if (target == Target.UNIX_SECONDS) {
        fmt = "yyyy-MM-dd HH:mm:ss";
      }
      if (fmt == null) {
        return Casts.cast(v, DataTypes.StringType, target.type, zoneId());
      }
      if (target == Target.DATE) {
        Long t = DateTimeFormats.parseTimestamp((String) v, fmt, zoneId());
        return t == null ? null : DateTimeUtils.timestampToDate(t, zoneId());
      }
      micros = DateTimeFormats.parseTimestamp((String) v, fmt, zoneId());
    } else if (kind == Kind.DATE) {
      micros = DateTimeUtils.dateToTimestamp((Integer) v, zoneId());
    } else {
      micros = (Long) v;
    }
    if (micros == null) {
      return null;
    }
    return switch (target) {
      case DATE -> DateTimeUtils.timestampToDate(micros, zoneId());
      case TIMESTAMP -> micros;
      case UNIX_SECONDS -> Math.floorDiv(micros, DateTimeUtils.MICROS_PER_SECOND);
    };
  }

  @Override
  public String prettyName() {
    return target.function;
  }
}
