package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;

/** One-line type-check messages shared by the expressions ({@link Expression#checkInputTypes}). */
public final class TypeChecks {
  private TypeChecks() {}

  /**
   * Null when every child's type is accepted by the input type at its position (NULL is accepted
   * everywhere), else {@code "argument 2 (x) of f(a, x) must be int, not string"}.
   */
  public static String check(Expression e, List<InputType> inputTypes) {
    List<Expression> children = e.children();
    for (int i = 0; i < children.size() && i < inputTypes.size(); i++) {
      DataType t = children.get(i).dataType();
      InputType expected = inputTypes.get(i);
      if (t.kind() != DataType.Kind.NULL && !expected.accepts(t)) {
        return mismatch(e, i, expected.simpleString());
      }
    }
    return null;
  }

  /** {@code "argument 2 (x) of f(a, x) must be <expected>, not string"}. */
  public static String mismatch(Expression e, int index, String expected) {
    Expression child = e.children().get(index);
    return "argument "
        + (index + 1)
        + " ("
        + child.sql()
        + ") of "
        + e.sql()
        + " must be "
        + expected
        + ", not "
        + child.dataType().simpleString();
  }

  /** Null when the children all have one type, else a message naming the types. */
  public static String sameType(Expression e, List<Expression> children) {
    DataType first = null;
    for (Expression c : children) {
      DataType t = c.dataType();
      if (first == null) {
        first = t;
      } else if (!t.equals(first)) {
        StringBuilder b = new StringBuilder("differing types in ").append(e.sql()).append(": ");
        for (int i = 0; i < children.size(); i++) {
          b.append(i > 0 ? ", " : "").append(children.get(i).dataType().simpleString());
        }
        return b.toString();
      }
    }
    return null;
  }
}
