package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * One row of the child for each distinct value of {@code keys} ({@code dropDuplicates(cols)}).
 * Before analysis the keys are {@link dev.weft.sql.expr.UnresolvedAttribute}s.
 */
public record Deduplicate(List<Expression> keys, LogicalPlan child) implements UnaryNode {
  public Deduplicate {
    keys = List.copyOf(keys);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return keys;
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Deduplicate(keys, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Deduplicate(Nodes.map(keys, f), child);
  }

  @Override
  public long sizeInBytes() {
    return child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(keys);
  }
}
