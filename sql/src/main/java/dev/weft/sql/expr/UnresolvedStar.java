package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;

/** {@code *} or {@code t.*} in a select list; the analyzer expands it into the columns. */
public record UnresolvedStar(List<String> qualifier) implements LeafExpression {

  public UnresolvedStar {
    qualifier = List.copyOf(qualifier);
  }

  @Override
  public boolean resolved() {
    return false;
  }

  @Override
  public DataType dataType() {
    throw new IllegalStateException("unexpanded *");
  }

  @Override
  public boolean nullable() {
    throw new IllegalStateException("unexpanded *");
  }

  @Override
  public Object eval(InternalRow input) {
    throw new IllegalStateException("unexpanded *");
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    return qualifier.isEmpty() ? "*" : String.join(".", qualifier) + ".*";
  }
}
