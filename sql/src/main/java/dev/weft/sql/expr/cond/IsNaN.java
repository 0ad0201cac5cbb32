package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;

/** {@code isnan(child)}: whether a double or float is NaN; FALSE for NULL (never NULL itself). */
public record IsNaN(Expression child) implements UnaryExpression, ImplicitCastInputTypes {

  @Override
  public List<InputType> inputTypes() {
    return List.of(InputType.oneOf(InputType.DOUBLE, InputType.of(DataTypes.FloatType)));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public Object eval(InternalRow input) {
    Object v = child.eval(input);
    return v instanceof Double d ? d.isNaN() : v instanceof Float f && f.isNaN();
  }

  @Override
  public Expression withChild(Expression c) {
    return new IsNaN(c);
  }
}
