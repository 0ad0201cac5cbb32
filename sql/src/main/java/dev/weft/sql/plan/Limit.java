package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/** The first {@code n} rows of the child (any {@code n} rows when the child is not sorted). */
public record Limit(int n, LogicalPlan child) implements UnaryNode {
  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return List.of();
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Limit(n, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return this;
  }

  @Override
  public long sizeInBytes() {
    return Math.min(child.sizeInBytes(), Statistics.multiply(n, Statistics.rowSize(output())));
  }

  @Override
  public String argString() {
    return String.valueOf(n);
  }
}
