package dev.weft.sql.analysis;

import dev.weft.sql.AnalysisException;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.UnresolvedAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds column names to the attributes of an input, case-insensitively, with optional qualifiers
 * ({@code o.id}); reports unknown names with suggestions and ambiguous ones with their sides.
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

  /** {@code e} with every unresolved column bound, or an {@link AnalysisException}. */
  Expression resolve(Expression e) {
    return e.transformUp(x -> x instanceof UnresolvedAttribute u ? resolve(u) : x);
  }

  AttributeReference resolve(UnresolvedAttribute u) {
    List<String> parts = u.nameParts();
    List<AttributeReference> matches = new ArrayList<>();
    if (parts.size() == 2) {
      for (AttributeReference a : input) {
        if (!a.qualifier().isEmpty()
            && a.qualifier().get(a.qualifier().size() - 1).equalsIgnoreCase(parts.get(0))
            && a.matches(parts.get(1))) {
          matches.add(a);
        }
      }
    }
    if (matches.isEmpty() && parts.size() == 1) {
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
    return distinct.values().iterator().next();
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
