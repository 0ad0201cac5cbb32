package dev.weft.sql.sources.parquet;

import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.sources.SourceFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Source filters as Parquet {@link FilterPredicate}s over one file's schema, for row-group
 * statistics, dictionaries, page indexes and record-level filtering. A filter converts only when
 * every column it reads is a top-level primitive of the file of a type whose Parquet order is the
 * SQL order (signed integers, dates, micro/millisecond timestamps, 32/64-bit decimals, floats,
 * strings, booleans); the rest stay with the engine, which evaluates every filter again above the
 * scan. Parquet's comparisons never hold for nulls, as SQL's; {@code <=>} with a value is an
 * equality (with NULL it was pushed as {@code IS NULL}); {@code IN} is equalities or a range; a
 * string prefix ({@code startsWith}, {@code LIKE 'abc%'}) is the user-defined {@link StartsWith}.
 */
public final class ParquetFilters {
  /** The most values of an {@code IN} pushed as equalities (Spark's inFilterThreshold). */
  static final int IN_AS_EQUALITIES = 10;

  private ParquetFilters() {}

  /** The conjunction of the convertible filters, if any converts. */
  public static Optional<FilterPredicate> convert(List<SourceFilter> filters, MessageType file) {
    List<FilterPredicate> parts = new ArrayList<>();
    for (SourceFilter f : filters) {
      split(f, parts, file);
    }
    FilterPredicate out = null;
    for (FilterPredicate p : parts) {
      out = out == null ? p : FilterApi.and(out, p);
    }
    return Optional.ofNullable(out);
  }

  /** A top-level AND keeps whichever side converts. */
  private static void split(SourceFilter f, List<FilterPredicate> out, MessageType file) {
    if (f instanceof SourceFilter.And and) {
      split(and.left(), out, file);
      split(and.right(), out, file);
      return;
    }
    FilterPredicate p = convert(f, file);
    if (p != null) {
      out.add(p);
    }
  }

  /** The predicate of {@code f}, or null when some part of it cannot be evaluated by Parquet. */
  static FilterPredicate convert(SourceFilter f, MessageType file) {
    if (f instanceof SourceFilter.And a) {
      FilterPredicate l = convert(a.left(), file);
      FilterPredicate r = convert(a.right(), file);
      return l == null || r == null ? null : FilterApi.and(l, r);
    }
    if (f instanceof SourceFilter.Or o) {
      FilterPredicate l = convert(o.left(), file);
      FilterPredicate r = convert(o.right(), file);
      return l == null || r == null ? null : FilterApi.or(l, r);
    }
    if (f instanceof SourceFilter.Not n) {
      FilterPredicate c = convert(n.child(), file);
      return c == null ? null : FilterApi.not(c);
    }
    String name = f.references().get(0);
    if (!file.containsField(name) || !file.getType(name).isPrimitive()) {
      return null;
    }
    PrimitiveType t = file.getType(name).asPrimitiveType();
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    Col col = column(name, t);
    if (col == null) {
      return null;
    }
    if (f instanceof SourceFilter.IsNull) {
      return nullCheck(col, true);
    }
    if (f instanceof SourceFilter.IsNotNull) {
      return nullCheck(col, false);
    }
    if (f instanceof SourceFilter.In in) {
      Set<Comparable<?>> values = new java.util.LinkedHashSet<>();
      for (Object v : in.values()) {
        Comparable<?> c = col.value(v);
        if (c == null) {
          return null;
        }
        values.add(c);
      }
      return values.isEmpty() ? null : in(col, new ArrayList<>(values));
    }
    if (f instanceof SourceFilter.StringStartsWith sw) {
      return col.string ? startsWith(name, sw.value()) : null;
    }
    Object literal = literal(f);
    Comparable<?> v = literal == null ? null : col.value(literal);
    if (v == null) {
      return null;
    }
    return compare(f, col, v);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static FilterPredicate nullCheck(Col col, boolean isNull) {
    Operators.Column c = col.column;
    return isNull
        ? FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) c, null)
        : FilterApi.notEq((Operators.Column & Operators.SupportsEqNotEq) c, null);
  }

  /**
   * {@code IN} as Spark pushes it: up to {@link #IN_AS_EQUALITIES} values as an OR of equalities
   * (each prunes by statistics and dictionaries), more as the range of the values when the column
   * is ordered, else not at all.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static FilterPredicate in(Col col, List values) {
    Operators.Column c = col.column;
    if (values.size() <= IN_AS_EQUALITIES) {
      FilterPredicate out = null;
      for (Object v : values) {
        FilterPredicate eq =
            FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) c, (Comparable) v);
        out = out == null ? eq : FilterApi.or(out, eq);
      }
      return out;
    }
    if (!col.ordered) {
      return null;
    }
    Comparable min = java.util.Collections.min(values);
    Comparable max = java.util.Collections.max(values);
    return FilterApi.and(
        FilterApi.gtEq((Operators.Column & Operators.SupportsLtGt) c, min),
        FilterApi.ltEq((Operators.Column & Operators.SupportsLtGt) c, max));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static FilterPredicate compare(SourceFilter f, Col col, Comparable v) {
    if (f instanceof SourceFilter.EqualTo || f instanceof SourceFilter.EqualNullSafe) {
      return FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) col.column, v);
    }
    if (!col.ordered) {
      return null;
    }
    Operators.Column c = col.column;
    if (f instanceof SourceFilter.GreaterThan) {
      return FilterApi.gt((Operators.Column & Operators.SupportsLtGt) c, v);
    }
    if (f instanceof SourceFilter.GreaterThanOrEqual) {
      return FilterApi.gtEq((Operators.Column & Operators.SupportsLtGt) c, v);
    }
    if (f instanceof SourceFilter.LessThan) {
      return FilterApi.lt((Operators.Column & Operators.SupportsLtGt) c, v);
    }
    if (f instanceof SourceFilter.LessThanOrEqual) {
      return FilterApi.ltEq((Operators.Column & Operators.SupportsLtGt) c, v);
    }
    return null;
  }

  private static Object literal(SourceFilter f) {
    if (f instanceof SourceFilter.EqualTo e) {
      return e.value();
    }
    if (f instanceof SourceFilter.EqualNullSafe e) {
      return e.value(); // a non-null value: Parquet's eq never holds for nulls, as <=> does not
    }
    if (f instanceof SourceFilter.GreaterThan e) {
      return e.value();
    }
    if (f instanceof SourceFilter.GreaterThanOrEqual e) {
      return e.value();
    }
    if (f instanceof SourceFilter.LessThan e) {
      return e.value();
    }
    if (f instanceof SourceFilter.LessThanOrEqual e) {
      return e.value();
    }
    return null;
  }

  private static FilterPredicate startsWith(String name, String prefix) {
    return FilterApi.userDefined(FilterApi.binaryColumn(name), new StartsWith(prefix));
  }

  /** A Parquet column and how a filter's value becomes a value of it. */
  private record Col(Operators.Column<?> column, boolean ordered, boolean string, Conv conv) {
    Col(Operators.Column<?> column, boolean ordered, Conv conv) {
      this(column, ordered, false, conv);
    }

    Comparable<?> value(Object v) {
      try {
        return v == null ? null : conv.apply(v);
      } catch (ArithmeticException | ClassCastException e) {
        return null; // out of the column's range or not its type: leave the filter to the engine
      }
    }
  }

  private interface Conv {
    Comparable<?> apply(Object v);
  }

  private static Col column(String name, PrimitiveType t) {
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    switch (t.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new Col(FilterApi.booleanColumn(name), false, v -> (Boolean) v);
      case INT32:
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return new Col(
              FilterApi.intColumn(name),
              true,
              v -> ((BigDecimal) v).setScale(d.getScale()).unscaledValue().intValueExact());
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new Col(
              FilterApi.intColumn(name), true, v -> Math.toIntExact(((LocalDate) v).toEpochDay()));
        }
        if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
          return null;
        }
        if (a != null && !(a instanceof IntLogicalTypeAnnotation)) {
          return null;
        }
        return new Col(FilterApi.intColumn(name), true, v -> Math.toIntExact(integral(v)));
      case INT64:
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return new Col(
              FilterApi.longColumn(name),
              true,
              v -> ((BigDecimal) v).setScale(d.getScale()).unscaledValue().longValueExact());
        }
        if (a instanceof TimestampLogicalTypeAnnotation ts) {
          return switch (ts.getUnit()) {
            case MICROS ->
                new Col(
                    FilterApi.longColumn(name), true, v -> InternalValues.toMicros((Instant) v));
            case MILLIS ->
                new Col(
                    FilterApi.longColumn(name),
                    true,
                    v -> {
                      long micros = InternalValues.toMicros((Instant) v);
                      if (micros % 1000 != 0) {
                        throw new ArithmeticException("not a whole millisecond");
                      }
                      return micros / 1000;
                    });
            default -> null;
          };
        }
        if (a != null && !(a instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
          return null;
        }
        return new Col(FilterApi.longColumn(name), true, v -> integral(v));
      case FLOAT:
        return new Col(FilterApi.floatColumn(name), true, v -> (Float) v);
      case DOUBLE:
        return new Col(FilterApi.doubleColumn(name), true, v -> (Double) v);
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
          return new Col(
              FilterApi.binaryColumn(name), true, true, v -> Binary.fromString((String) v));
        }
        return null;
      default:
        return null; // INT96, fixed-length decimals, plain binaries: the engine filters them
    }
  }

  private static long integral(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new ClassCastException(v.getClass().getName());
  }
}
