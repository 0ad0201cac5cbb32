package dev.weft.sql.analysis;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.TimeZoneAwareExpression;

/**
 * Gives every time-zone-aware expression without a zone (casts between strings, dates and
 * timestamps; {@code hour}; {@code date_format}; {@code current_date}; ...) the session's zone, as
 * Spark's {@code ResolveTimeZone}. The analyzer applies it after {@link TypeCoercion}, whose casts
 * are built without a zone.
 */
public final class ResolveTimeZone {
  private ResolveTimeZone() {}

  /** {@code e} with the session zone {@code zoneId} set where none is. */
  public static Expression apply(Expression e, String zoneId) {
    return e.transformUp(
        x ->
            x instanceof TimeZoneAwareExpression t && t.timeZoneId() == null
                ? t.withTimeZone(zoneId)
                : x);
  }
}
