package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/** Each distinct row of the child once. The optimizer turns it into an {@link Aggregate}. */
public record Distinct(LogicalPlan child) implements UnaryNode {
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
    return new Distinct(c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return this;
  }

  @Override
  public long sizeInBytes() {
    return child.sizeInBytes();
  }

  @Override
  public String argString() {
    return "";
  }
}
