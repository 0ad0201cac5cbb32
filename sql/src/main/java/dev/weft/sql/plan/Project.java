package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NamedExpression;
import java.util.List;
import java.util.function.Function;

/** {@code SELECT projectList FROM child}. Before analysis the list may hold {@code *}. */
public record Project(List<Expression> projectList, LogicalPlan child) implements UnaryNode {
  public Project {
    projectList = List.copyOf(projectList);
  }

  /** The list as named expressions; valid once resolved. */
  public List<NamedExpression> namedList() {
    return projectList.stream().map(e -> (NamedExpression) e).toList();
  }

  @Override
  public List<AttributeReference> output() {
    return Nodes.toAttributes(namedList());
  }

  @Override
  public List<Expression> expressions() {
    return projectList;
  }

  @Override
  public boolean resolved() {
    return UnaryNode.super.resolved()
        && projectList.stream().allMatch(e -> e instanceof NamedExpression);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Project(projectList, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Project(Nodes.map(projectList, f), child);
  }

  @Override
  public long sizeInBytes() {
    return resolved()
        ? Statistics.scale(child.sizeInBytes(), child.output(), output())
        : child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(projectList);
  }
}
