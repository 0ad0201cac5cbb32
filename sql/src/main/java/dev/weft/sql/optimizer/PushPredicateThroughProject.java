package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;

/**
 * Moves a filter below a projection, rewriting its references to aliases into the aliased
 * expressions, so that it runs before the projection and can reach the scan.
 */
public final class PushPredicateThroughProject implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformDown(
        node -> {
          if (node instanceof Filter f
              && f.condition().deterministic()
              && f.child() instanceof Project p
              && p.projectList().stream().allMatch(Expression::deterministic)) {
            Expression c =
                Substitution.replace(f.condition(), Substitution.aliases(p.projectList()));
            return new Project(p.projectList(), new Filter(c, p.child()));
          }
          return node;
        });
  }
}
