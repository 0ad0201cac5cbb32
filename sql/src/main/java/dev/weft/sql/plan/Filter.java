package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/** The rows of the child for which {@code condition} is TRUE (not FALSE, not NULL). */
public record Filter(Expression condition, LogicalPlan child) implements UnaryNode {
  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return List.of(condition);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Filter(condition, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Filter(f.apply(condition), child);
  }

  @Override
  public long sizeInBytes() {
    return child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.expr(condition);
  }
}
