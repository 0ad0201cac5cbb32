package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Names the child's columns {@code alias.column} ({@code df.alias("o")}). */
public record SubqueryAlias(String alias, LogicalPlan child) implements UnaryNode {
  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    for (AttributeReference a : child.output()) {
      out.add(a.withQualifier(List.of(alias)));
    }
    return out;
  }

  @Override
  public List<Expression> expressions() {
    return List.of();
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new SubqueryAlias(alias, c);
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
    return alias;
  }
}
