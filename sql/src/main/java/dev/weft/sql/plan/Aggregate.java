package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code SELECT aggregateExprs FROM child GROUP BY groupingExprs}: one row per group (one row in
 * all when there is no grouping). {@code aggregateExprs} may use the grouping expressions and
 * aggregate functions.
 */
public record Aggregate(
    List<Expression> groupingExprs, List<Expression> aggregateExprs, LogicalPlan child)
    implements UnaryNode {
  public Aggregate {
    groupingExprs = List.copyOf(groupingExprs);
    aggregateExprs = List.copyOf(aggregateExprs);
  }

  public List<NamedExpression> namedAggregates() {
    return aggregateExprs.stream().map(e -> (NamedExpression) e).toList();
  }

  @Override
  public List<AttributeReference> output() {
    return Nodes.toAttributes(namedAggregates());
  }

  @Override
  public List<Expression> expressions() {
    List<Expression> all = new ArrayList<>(groupingExprs);
    all.addAll(aggregateExprs);
    return all;
  }

  @Override
  public boolean resolved() {
    return UnaryNode.super.resolved()
        && aggregateExprs.stream().allMatch(e -> e instanceof NamedExpression);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Aggregate(groupingExprs, aggregateExprs, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Aggregate(Nodes.map(groupingExprs, f), Nodes.map(aggregateExprs, f), child);
  }

  @Override
  public long sizeInBytes() {
    return groupingExprs.isEmpty() && resolved()
        ? Statistics.rowSize(output())
        : child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(groupingExprs) + ", " + PlanPrinter.list(aggregateExprs);
  }
}
