package dev.weft.sql.analysis;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;

/**
 * The key column of a full outer join {@code USING} a name: the left key, or the right one where
 * the left row is missing (Spark's {@code coalesce(l.k, r.k)}).
 */
public record UsingKey(Expression left, Expression right) implements BinaryExpression {
  @Override
  public DataType dataType() {
    return left.dataType();
  }

  @Override
  public boolean nullable() {
    return left.nullable() && right.nullable();
  }

  @Override
  public Object eval(InternalRow input) {
    Object l = left.eval(input);
    return l != null ? l : right.eval(input);
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new UsingKey(l, r);
  }

  @Override
  public String prettyName() {
    return "coalesce";
  }
}
