package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.TypeChecks;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/**
 * {@code if(predicate, trueValue, falseValue)}: {@code trueValue} when the predicate is TRUE,
 * {@code falseValue} when it is FALSE or NULL; only the chosen branch is evaluated.
 */
public record If(Expression predicate, Expression trueValue, Expression falseValue)
    implements Expression {

  @Override
  public List<Expression> children() {
    return List.of(predicate, trueValue, falseValue);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new If(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public DataType dataType() {
    return trueValue.dataType().kind() == DataType.Kind.NULL
        ? falseValue.dataType()
        : trueValue.dataType();
  }

  @Override
  public boolean nullable() {
    return trueValue.nullable() || falseValue.nullable();
  }

  @Override
  public String checkInputTypes() {
    DataType p = predicate.dataType();
    if (!p.equals(DataTypes.BooleanType) && p.kind() != DataType.Kind.NULL) {
      return TypeChecks.mismatch(this, 0, "boolean");
    }
    return TypeChecks.sameType(
        this,
        children().subList(1, 3).stream()
            .filter(c -> c.dataType().kind() != DataType.Kind.NULL)
            .toList());
  }

  @Override
  public Object eval(InternalRow input) {
    return Boolean.TRUE.equals(predicate.eval(input))
        ? trueValue.eval(input)
        : falseValue.eval(input);
  }

  @Override
  public String sql() {
    return "(IF(" + predicate.sql() + ", " + trueValue.sql() + ", " + falseValue.sql() + "))";
  }
}
