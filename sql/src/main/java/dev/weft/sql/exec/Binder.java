package dev.weft.sql.exec;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Binds expressions to the ordinals of an operator's input row before they run in tasks. */
public final class Binder {
  private Binder() {}

  public static Expression bind(Expression e, List<AttributeReference> input) {
    Map<Long, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      ordinals.putIfAbsent(input.get(i).exprId(), i);
    }
    Expression stripped = e instanceof Alias a ? a.child() : e;
    return stripped.transformUp(
        x -> {
          if (x instanceof AttributeReference a) {
            Integer i = ordinals.get(a.exprId());
            if (i == null) {
              throw new IllegalStateException(
                  "Internal error: column " + a + " is not in the operator's input " + input);
            }
            return new BoundReference(i, a.dataType(), a.nullable());
          }
          return x;
        });
  }

  public static List<Expression> bind(
      List<? extends Expression> es, List<AttributeReference> input) {
    List<Expression> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(bind(e, input));
    }
    return out;
  }
}
