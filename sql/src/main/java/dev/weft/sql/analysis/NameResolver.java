package dev.weft.sql.analysis;

import dev.weft.sql.AnalysisException;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.UnresolvedAttribute;
import dev.weft.sql.expr.complex.GetStructField;
import dev.weft.sql.expr.complex.UnresolvedExtractValue;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds column names to the attributes of an input, case-insensitively, with optional qualifiers
 * ({@code o.id}) and nested struct fields ({@code s.a.b}); reports unknown names with suggestions,
 * unknown fields with the struct's fields, and ambiguous names with their sides.
 */
final class NameResolver {
  private final List<AttributeReference> input;
  private final Set<AttributeReference> leftSide;
  private final Set<AttributeReference> rightSide;

  /**
   * @param leftSide the columns of a join's left input, to say which sides an ambiguous name is on
   *     (null when the input is not a join)
   */
  NameResolver(
      List<AttributeReference> input,
      Set<AttributeReference> leftSide,
      Set<AttributeReference> rightSide) {
    this.input = input;
    this.leftSide = leftSide;
    this.rightSide = rightSide;
  }

  /**
   * {@code e} with every unresolved column bound, and every extraction ({@code getField}, {@code
   * getItem}) of a resolved child resolved, or an {@link AnalysisException}.
   */
  Expression resolve(Expression e) {
    return e.transformUp(
        x -> {
          if (x instanceof UnresolvedAttribute u) {
            return resolveNested(u);
          }
          if (x instanceof UnresolvedExtractValue v && v.left().resolved()) {
            return extract(v.left(), v.right());
          }
          return x;
        });
  }

  /** A column name without struct fields, bound to the input's attribute. */
  AttributeReference resolve(UnresolvedAttribute u) {
    Expression e = resolveNested(u);
    if (e instanceof AttributeReference a) {
      return a;
    }
    throw new AnalysisException("'" + u.name() + "' is a struct field, not a column");
  }

  /**
   * A name of parts {@code [qualifier.]column[.field...]} bound as Spark binds it: a qualified
   * column first, then a column named by the first part; the remaining parts are fields of nested
   * structs. A backquoted part ({@code `s.a`}) is one name, dots included.
   */
  private Expression resolveNested(UnresolvedAttribute u) {
    List<String> parts = u.nameParts();
    List<AttributeReference> matches = new ArrayList<>();
    int fieldsFrom = 2;
    if (parts.size() >= 2) {
      for (AttributeReference a : input) {
        if (!a.qualifier().isEmpty()
            && a.qualifier().get(a.qualifier().size() - 1).equalsIgnoreCase(parts.get(0))
            && a.matches(parts.get(1))) {
          matches.add(a);
        }
      }
    }
    if (matches.isEmpty()) {
      fieldsFrom = 1;
      for (AttributeReference a : input) {
        if (a.matches(parts.get(0))) {
          matches.add(a);
        }
      }
    }
    Map<Long, AttributeReference> distinct = new LinkedHashMap<>();
    for (AttributeReference a : matches) {
      distinct.putIfAbsent(a.exprId(), a);
    }
    if (distinct.isEmpty()) {
      throw unknown(u.name());
    }
    if (distinct.size() > 1) {
      throw ambiguous(u.name(), new ArrayList<>(distinct.values()));
    }
    Expression e = distinct.values().iterator().next();
    for (String field : parts.subList(fieldsFrom, parts.size())) {
      e = field(e, field);
    }
    return e;
  }

  /** The field {@code name} of the struct {@code e}, or an error listing the struct's fields. */
  private static Expression field(Expression e, String name) {
    if (!(e.dataType() instanceof StructType s)) {
      throw new AnalysisException(
          "Cannot extract field '"
              + name
              + "' from "
              + e.sql()
              + " of type "
              + e.dataType().simpleString()
              + "; only structs have fields");
    }
    int i = s.indexOf(name);
    if (i < 0) {
      throw new AnalysisException(
          "No such struct field '"
              + name
              + "' in "
              + e.sql()
              + "; available fields: "
              + String.join(", ", s.fieldNames()));
    }
    return new GetStructField(e, i, s.field(i).name());
  }

  /** {@code child[extraction]}: a struct's field, an array's element or a map's value. */
  private static Expression extract(Expression child, Expression extraction) {
    if (child.dataType() instanceof StructType
        && extraction instanceof Literal l
        && l.value() instanceof String name) {
      return field(child, name);
    }
    try {
      return UnresolvedExtractValue.resolve(child, extraction);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage());
    }
  }

  private AnalysisException ambiguous(String name, List<AttributeReference> found) {
    if (leftSide != null) {
      List<String> l = new ArrayList<>();
      List<String> r = new ArrayList<>();
      for (AttributeReference a : found) {
        if (leftSide.contains(a)) {
          l.add(a.toString());
        } else if (rightSide.contains(a)) {
          r.add(a.toString());
        }
      }
      if (!l.isEmpty() && !r.isEmpty()) {
        return new AnalysisException(
            "Column '"
                + name
                + "' is ambiguous: both sides of the join have it (left: "
                + String.join(", ", l)
                + "; right: "
                + String.join(", ", r)
                + "); name it through its DataFrame (df.col(\""
                + name
                + "\")), alias the DataFrames, or join on column names");
      }
    }
    List<String> shown = found.stream().map(AttributeReference::toString).toList();
    return new AnalysisException(
        "Column '" + name + "' is ambiguous: it could be any of " + shown + "; qualify it");
  }

  private AnalysisException unknown(String name) {
    List<String> names = new ArrayList<>();
    for (AttributeReference a : input) {
      names.add(
          a.qualifier().isEmpty()
              ? a.name()
              : a.qualifier().get(a.qualifier().size() - 1) + "." + a.name());
    }
    String suggestion = closest(name, names);
    return new AnalysisException(
        "Column '"
            + name
            + "' does not exist"
            + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
            + " Available columns: "
            + (names.isEmpty() ? "(none)" : String.join(", ", names)));
  }

  /** The candidate nearest to {@code name} by edit distance, if near enough to be a typo. */
  static String closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String n = name.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = Math.min(distance(n, lc), distance(n, lc.substring(lc.indexOf('.') + 1)));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(2, name.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
