package dev.weft.sql.expr.datetime;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.LeafExpression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.TimeZoneAwareExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.time.Instant;

/**
 * {@code current_date()} and {@code current_timestamp()}: the date (in the session zone) or the
 * instant at which the query started. One query sees one value: before planning, the optimizer
 * replaces every occurrence in a query with a literal of one instant, {@link #replaceAll}, as
 * Spark's {@code ComputeCurrentTime}. Evaluated without that (only in tests or a plan that skipped
 * it) it reads the clock at each call, so it is marked non-deterministic.
 */
public record CurrentTime(boolean date, String timeZoneId)
    implements LeafExpression, TimeZoneAwareExpression {

  /** {@code current_date()} in the session zone. */
  public static CurrentTime currentDate() {
    return new CurrentTime(true, null);
  }

  /** {@code current_timestamp()}. */
  public static CurrentTime currentTimestamp() {
    return new CurrentTime(false, null);
  }

  @Override
  public DataType dataType() {
    return date ? DataTypes.DateType : DataTypes.TimestampType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public Object eval(InternalRow input) {
    return valueAt(Instant.now());
  }

  /** The value at an instant. */
  public Object valueAt(Instant now) {
    long micros = DateTimeUtils.toMicros(now);
    return date ? (Object) DateTimeUtils.timestampToDate(micros, zoneId()) : (Object) micros;
  }

  @Override
  public Expression withTimeZone(String zone) {
    return new CurrentTime(date, zone);
  }

  @Override
  public String prettyName() {
    return date ? "current_date" : "current_timestamp";
  }

  /**
   * {@code e} with every {@code current_date()}/{@code current_timestamp()} replaced by the literal
   * of its value at {@code queryStart}: the optimizer calls it once per query with one instant.
   */
  public static Expression replaceAll(Expression e, Instant queryStart) {
    return e.transformUp(
        x -> x instanceof CurrentTime c ? new Literal(c.valueAt(queryStart), c.dataType()) : x);
  }
}
