package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import java.util.List;

/** Removes a projection that outputs exactly its input's columns, in order. */
public final class RemoveNoopProject implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Project p && sameColumns(p.projectList(), p.child().output())) {
            return p.child();
          }
          return node;
        });
  }

  private static boolean sameColumns(List<?> list, List<AttributeReference> input) {
    if (list.size() != input.size()) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof AttributeReference a)
          || !a.equals(input.get(i))
          || !a.name().equals(input.get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
