package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;

/** {@code NOT child}; NULL stays NULL. */
public record Not(Expression child) implements UnaryExpression, NullIntolerant {
  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public String checkInputTypes() {
    return Predicates.checkBoolean(this, child);
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = child.eval(input);
    return v == null ? null : !(Boolean) v;
  }

  @Override
  public Object nullSafeEval(Object[] inputs) {
    return !(Boolean) inputs[0];
  }

  @Override
  public Expression withChild(Expression c) {
    return new Not(c);
  }

  @Override
  public String sql() {
    return "(NOT " + child.sql() + ")";
  }
}
