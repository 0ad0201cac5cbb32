package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;

/**
 * {@code CAST(child AS type)} with Spark's default (non-ANSI) semantics: a value that cannot be
 * converted (a malformed string, an out-of-range decimal) becomes NULL. The conversions themselves
 * are in {@link Casts}; strings, dates and timestamps convert in the session time zone ({@code
 * timeZoneId}, set by the analyzer; UTC until then).
 */
public record Cast(Expression child, DataType dataType, String timeZoneId)
    implements UnaryExpression, TimeZoneAwareExpression {

  /** A cast in the session time zone (set later by the analyzer). */
  public Cast(Expression child, DataType dataType) {
    this(child, dataType, null);
  }

  @Override
  public boolean nullable() {
    return child.nullable() || Casts.mayFail(child.dataType(), dataType);
  }

  @Override
  public String checkInputTypes() {
    return Casts.canCast(child.dataType(), dataType)
        ? null
        : "cannot cast "
            + child.dataType().simpleString()
            + " to "
            + dataType.simpleString()
            + " in "
            + sql();
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = child.eval(input);
    return v == null ? null : Casts.cast(v, child.dataType(), dataType, zoneId());
  }

  @Override
  public Expression withChild(Expression c) {
    return new Cast(c, dataType, timeZoneId);
  }

  @Override
  public Expression withTimeZone(String zoneId) {
    return new Cast(child, dataType, zoneId);
  }

  @Override
  public String sql() {
    return "CAST("
        + child.sql()
        + " AS "
        + dataType.simpleString().toUpperCase(java.util.Locale.ROOT)
        + ")";
  }
}
