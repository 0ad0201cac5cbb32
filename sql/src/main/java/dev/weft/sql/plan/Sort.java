package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.SortOrder;
import java.util.List;
import java.util.function.Function;

/** The child's rows ordered by {@code order} (across partitions when {@code global}). */
public record Sort(List<SortOrder> order, boolean global, LogicalPlan child) implements UnaryNode {
  public Sort {
    order = List.copyOf(order);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return List.copyOf(order);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Sort(order, global, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Sort(Nodes.map(order, f), global, child);
  }

  @Override
  public long sizeInBytes() {
    return child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(order) + ", " + global;
  }
}
