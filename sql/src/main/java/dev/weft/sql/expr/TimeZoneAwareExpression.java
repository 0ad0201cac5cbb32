package dev.weft.sql.expr;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An expression whose value depends on the session time zone (casts between strings, dates and
 * timestamps; {@code hour(ts)}; {@code date_format}). Built without a zone ({@link #timeZoneId()}
 * null), as Spark's are; the analyzer sets the session's zone ({@code weft.sql.session.timeZone})
 * with {@link #withTimeZone}. Until then the zone is UTC.
 */
public interface TimeZoneAwareExpression extends Expression {

  /** The zone id set by the analyzer, or null when none was set yet. */
  String timeZoneId();

  /** This expression evaluated in the zone {@code zoneId} (a {@link ZoneId#of} id). */
  Expression withTimeZone(String zoneId);

  /** The zone to evaluate in: the one set, else UTC. */
  default ZoneId zoneId() {
    return zone(timeZoneId());
  }

  /** The zone of an id (cached), UTC for null. */
  static ZoneId zone(String id) {
    return id == null ? ZoneOffset.UTC : Zones.CACHE.computeIfAbsent(id, ZoneId::of);
  }

  /** Holder of the parsed zones. */
  final class Zones {
    private static final Map<String, ZoneId> CACHE = new ConcurrentHashMap<>();

    private Zones() {}
  }
}
