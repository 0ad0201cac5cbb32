package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/** Helpers for boolean expressions: splitting and building conjunctions. */
public final class Predicates {
  private Predicates() {}

  /** {@code a AND b AND c} as {@code [a, b, c]}. */
  public static List<Expression> splitConjuncts(Expression e) {
    List<Expression> out = new ArrayList<>();
    split(e, out);
    return out;
  }

  private static void split(Expression e, List<Expression> out) {
    if (e instanceof And and) {
      split(and.left(), out);
      split(and.right(), out);
    } else {
      out.add(e);
    }
  }

  /** The conjunction of {@code parts}, or TRUE when there are none. */
  public static Expression and(List<Expression> parts) {
    Expression result = null;
    for (Expression p : parts) {
      result = result == null ? p : new And(result, p);
    }
    return result == null ? Literal.TRUE : result;
  }

  static String checkBoolean(Expression e, Expression child) {
    DataType t = child.dataType();
    return t.equals(DataTypes.BooleanType) || t.equals(DataTypes.NullType)
        ? null
        : "argument "
            + child.sql()
            + " of "
            + e.sql()
            + " must be boolean, not "
            + t.simpleString();
  }
}
