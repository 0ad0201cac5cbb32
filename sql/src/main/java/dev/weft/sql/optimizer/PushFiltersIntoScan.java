package dev.weft.sql.optimizer;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.EqualNullSafe;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.GreaterThanOrEqual;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.expr.IsNotNull;
import dev.weft.sql.expr.IsNull;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.LessThanOrEqual;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.expr.cond.In;
import dev.weft.sql.expr.string.Like;
import dev.weft.sql.expr.string.StringPredicate;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.sources.SourceFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a filter directly above a file scan to the source, translated into {@link SourceFilter}s
 * over column names, so it can prune partitions and skip row groups. The filter stays in the plan:
 * sources may apply pushed filters only approximately.
 */
public final class PushFiltersIntoScan implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Filter f && f.child() instanceof FileRelation r) {
            List<SourceFilter> pushed = new ArrayList<>();
            for (Expression c : Predicates.splitConjuncts(f.condition())) {
              SourceFilter s = translate(c);
              if (s != null) {
                pushed.add(s);
              }
            }
            if (!pushed.equals(r.pushedFilters())) {
              return new Filter(
                  f.condition(), new FileRelation(r.source(), r.allColumns(), r.output(), pushed));
            }
          }
          return node;
        });
  }

  /** The source filter of a predicate, or null when it has none. */
  public static SourceFilter translate(Expression e) {
    if (e instanceof And a) {
      SourceFilter l = translate(a.left());
      SourceFilter r = translate(a.right());
      return l == null || r == null ? null : new SourceFilter.And(l, r);
    }
    if (e instanceof Or o) {
      SourceFilter l = translate(o.left());
      SourceFilter r = translate(o.right());
      return l == null || r == null ? null : new SourceFilter.Or(l, r);
    }
    if (e instanceof Not n) {
      SourceFilter c = translate(n.child());
      return c == null ? null : new SourceFilter.Not(c);
    }
    if (e instanceof IsNull n && n.child() instanceof AttributeReference a) {
      return new SourceFilter.IsNull(a.name());
    }
    if (e instanceof IsNotNull n && n.child() instanceof AttributeReference a) {
      return new SourceFilter.IsNotNull(a.name());
    }
    if (e instanceof In in && in.value() instanceof AttributeReference a) {
      return in(a, in.list());
    }
    if (e instanceof EqualNullSafe eq) {
      return equalNullSafe(eq);
    }
    if (e instanceof StringPredicate p
        && p.kind() == StringPredicate.Kind.STARTS_WITH
        && p.left() instanceof AttributeReference a
        && p.right() instanceof Literal l
        && l.value() != null) {
      return new SourceFilter.StringStartsWith(a.name(), l.value().toString());
    }
    if (e instanceof Like like
        && like.left() instanceof AttributeReference a
        && like.right() instanceof Literal l
        && l.value() != null) {
      String prefix = likePrefix(l.value().toString(), like.escape());
      return prefix == null ? null : new SourceFilter.StringStartsWith(a.name(), prefix);
    }
    if (e instanceof BinaryExpression b) {
      boolean flipped = b.left() instanceof Literal && b.right() instanceof AttributeReference;
      Expression col = flipped ? b.right() : b.left();
      Expression lit = flipped ? b.left() : b.right();
      if (!(col instanceof AttributeReference a)
          || !(lit instanceof Literal l)
          || l.value() == null) {
        return null;
      }
      Object v = InternalValues.toExternal(l.value(), l.dataType());
      String n = a.name();
      if (e instanceof EqualTo) {
        return new SourceFilter.EqualTo(n, v);
      }
      if (e instanceof GreaterThan) {
        return flipped ? new SourceFilter.LessThan(n, v) : new SourceFilter.GreaterThan(n, v);
      }
      if (e instanceof GreaterThanOrEqual) {
        return flipped
            ? new SourceFilter.LessThanOrEqual(n, v)
            : new SourceFilter.GreaterThanOrEqual(n, v);
      }
      if (e instanceof LessThan) {
        return flipped ? new SourceFilter.GreaterThan(n, v) : new SourceFilter.LessThan(n, v);
      }
      if (e instanceof LessThanOrEqual) {
        return flipped
            ? new SourceFilter.GreaterThanOrEqual(n, v)
            : new SourceFilter.LessThanOrEqual(n, v);
      }
    }
    return null;
  }

  /** {@code a IN (literals)}, when no literal is NULL (NOT IN with a NULL is never true). */
  private static SourceFilter in(AttributeReference a, List<Expression> list) {
    List<Object> values = new ArrayList<>();
    for (Expression x : list) {
      if (!(x instanceof Literal l) || l.value() == null) {
        return null;
      }
      values.add(InternalValues.toExternal(l.value(), l.dataType()));
    }
    return values.isEmpty() ? null : new SourceFilter.In(a.name(), values);
  }

  /** {@code a <=> literal}; {@code a <=> NULL} is {@code a IS NULL}, as Spark pushes it. */
  private static SourceFilter equalNullSafe(EqualNullSafe eq) {
    boolean flipped = eq.left() instanceof Literal && eq.right() instanceof AttributeReference;
    Expression col = flipped ? eq.right() : eq.left();
    Expression lit = flipped ? eq.left() : eq.right();
    if (!(col instanceof AttributeReference a) || !(lit instanceof Literal l)) {
      return null;
    }
    if (l.value() == null) {
      return new SourceFilter.IsNull(a.name());
    }
    return new SourceFilter.EqualNullSafe(
        a.name(), InternalValues.toExternal(l.value(), l.dataType()));
  }

  /**
   * The prefix of a LIKE pattern of the form {@code prefix%} whose prefix has no wildcard or
   * escape, else null.
   */
  static String likePrefix(String pattern, char escape) {
    if (pattern.length() < 2 || !pattern.endsWith("%")) {
      return null;
    }
    String prefix = pattern.substring(0, pattern.length() - 1);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '%' || c == '_' || c == escape) {
        return null;
      }
    }
    return prefix;
  }
}
