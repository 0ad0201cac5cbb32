package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Union;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Narrows file scans to the columns the query reads: those in the result and those any operator's
 * expressions reference (a union's inputs are kept whole, as it matches columns by position).
 */
public final class PruneScanColumns implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    if (!plan.exists(p -> p instanceof FileRelation)) {
      return plan;
    }
    Set<AttributeReference> used = new HashSet<>(plan.output());
    collect(plan, used);
    return plan.transformUp(
        node -> {
          if (node instanceof FileRelation r) {
            List<AttributeReference> out = new ArrayList<>();
            for (AttributeReference a : r.output()) {
              if (used.contains(a)) {
                out.add(a);
              }
            }
            if (out.size() != r.output().size()) {
              return new FileRelation(r.source(), r.allColumns(), out, r.pushedFilters());
            }
          }
          return node;
        });
  }

  private static void collect(LogicalPlan plan, Set<AttributeReference> used) {
    for (Expression e : plan.expressions()) {
      used.addAll(e.references());
    }
    if (plan instanceof Union) {
      for (LogicalPlan c : plan.children()) {
        used.addAll(c.output());
      }
    }
    for (LogicalPlan c : plan.children()) {
      collect(c, used);
    }
  }
}
