package dev.weft.sql.plan;

import java.util.List;

/** A plan node of one input. */
public interface UnaryNode extends LogicalPlan {
  LogicalPlan child();

  LogicalPlan withChild(LogicalPlan child);

  @Override
  default List<LogicalPlan> children() {
    return List.of(child());
  }

  @Override
  default LogicalPlan withNewChildren(List<LogicalPlan> children) {
    Nodes.requireChildren(children, 1, nodeName());
    return withChild(children.get(0));
  }
}
