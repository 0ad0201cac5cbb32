package dev.weft.sql.optimizer;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Replaces references to a projection's aliases by the aliased expressions. */
final class Substitution {
  private Substitution() {}

  static Map<Long, Expression> aliases(List<Expression> projectList) {
    Map<Long, Expression> map = new HashMap<>();
    for (Expression e : projectList) {
      if (e instanceof Alias a) {
        map.put(a.exprId(), a.child());
      }
    }
    return map;
  }

  static Expression replace(Expression e, Map<Long, Expression> aliases) {
    return e.transformUp(
        x ->
            x instanceof AttributeReference a && aliases.containsKey(a.exprId())
                ? aliases.get(a.exprId())
                : x);
  }
}
