package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of all children, duplicates kept ({@code UNION ALL}). Columns match by position, or by
 * name when {@code byName} (the analyzer reorders the later children and clears the flag). The
 * output takes the first child's columns, nullable when any child's is.
 */
public record Union(List<LogicalPlan> children, boolean byName) implements LogicalPlan {
  public Union {
    children = List.copyOf(children);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> first = children.get(0).output();
    List<AttributeReference> out = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      boolean nullable = false;
      for (LogicalPlan c : children) {
        List<AttributeReference> o = c.output();
        nullable |= i < o.size() && o.get(i).nullable();
      }
      out.add(first.get(i).withNullability(nullable));
    }
    return out;
  }

  @Override
  public List<Expression> expressions() {
    return List.of();
  }

  @Override
  public boolean resolved() {
    return LogicalPlan.super.resolved() && !byName;
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return new Union(c, byName);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return this;
  }

  @Override
  public long sizeInBytes() {
    long size = 0;
    for (LogicalPlan c : children) {
      size = Statistics.add(size, c.sizeInBytes());
    }
    return size;
  }

  @Override
  public String argString() {
    return byName ? "byName" : "";
  }
}
