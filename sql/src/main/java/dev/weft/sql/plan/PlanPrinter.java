package dev.weft.sql.plan;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.LeafExpression;
import dev.weft.sql.expr.UnresolvedAttribute;
import dev.weft.sql.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Renders plans and their expressions for {@code explain()}: trees indented as Spark's ({@code +-}
 * for the last child, {@code :-} for the others) and columns as {@code name#id}.
 */
public final class PlanPrinter {
  private PlanPrinter() {}

  /** A tree of nodes, one a line. */
  public static <T> String tree(
      T root, Function<T, List<? extends T>> children, Function<T, String> line) {
    StringBuilder b = new StringBuilder();
    append(b, root, children, line, "", "");
    return b.toString();
  }

  private static <T> void append(
      StringBuilder b,
      T node,
      Function<T, List<? extends T>> children,
      Function<T, String> line,
      String first,
      String rest) {
    b.append(first).append(line.apply(node).stripTrailing()).append('\n');
    List<? extends T> cs = children.apply(node);
    for (int i = 0; i < cs.size(); i++) {
      boolean last = i == cs.size() - 1;
      append(
          b,
          cs.get(i),
          children,
          line,
          rest + (last ? "+- " : ":- "),
          rest + (last ? "   " : ":  "));
    }
  }

  /** An expression with its columns as {@code name#id}. */
  public static String expr(Expression e) {
    if (e instanceof Alias a) {
      return expr(a.child()) + " AS " + a.name() + "#" + a.exprId();
    }
    if (e instanceof AttributeReference a) {
      return a.toString();
    }
    if (e instanceof UnresolvedAttribute u) {
      return "'" + u.name();
    }
    return e.transformUp(
            x -> {
              if (x instanceof AttributeReference a) {
                return new Shown(a.toString(), a.dataType(), a.nullable());
              }
              if (x instanceof UnresolvedAttribute u) {
                return new Shown("'" + u.name(), null, true);
              }
              return x;
            })
        .sql();
  }

  /** {@code [a#1, (b#2 + 1) AS c#3]}. */
  public static String list(Collection<? extends Expression> exprs) {
    List<String> parts = new ArrayList<>();
    for (Expression e : exprs) {
      parts.add(expr(e));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  /** Stands in for a column while rendering: its SQL is {@code name#id}. */
  private record Shown(String text, DataType dataType, boolean nullable) implements LeafExpression {
    @Override
    public boolean resolved() {
      return dataType != null;
    }

    @Override
    public Object eval(InternalRow input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean foldable() {
      return false;
    }

    @Override
    public String sql() {
      return text;
    }
  }
}
