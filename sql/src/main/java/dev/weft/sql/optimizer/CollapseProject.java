package dev.weft.sql.optimizer;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges adjacent projections: the outer one's references to the inner one's aliases are replaced
 * by the aliased expressions, so rows pass through one projection. Only when the inner list is
 * deterministic.
 */
public final class CollapseProject implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        node -> {
          if (node instanceof Project outer
              && outer.child() instanceof Project inner
              && inner.projectList().stream()
                  .allMatch(
                      e -> e.deterministic() && !e.exists(x -> x instanceof AggregateFunction))) {
            Map<Long, Expression> aliases = Substitution.aliases(inner.projectList());
            List<Expression> list = new ArrayList<>();
            for (Expression e : outer.projectList()) {
              if (e instanceof AttributeReference a && aliases.containsKey(a.exprId())) {
                list.add(new Alias(aliases.get(a.exprId()), a.name(), a.exprId(), a.qualifier()));
              } else if (e instanceof Alias a) {
                list.add(
                    new Alias(
                        Substitution.replace(a.child(), aliases),
                        a.name(),
                        a.exprId(),
                        a.qualifier()));
              } else {
                list.add(Substitution.replace(e, aliases));
              }
            }
            return new Project(list, inner.child());
          }
          return node;
        });
  }
}
