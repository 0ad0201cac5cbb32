package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;

/** Gives a computed value a column name: {@code expr AS name}. */
public record Alias(Expression child, String name, long exprId, List<String> qualifier)
    implements NamedExpression, UnaryExpression {

  public Alias {
    qualifier = List.copyOf(qualifier);
  }

  public Alias(Expression child, String name) {
    this(child, name, ExprIds.next(), List.of());
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new Alias(newChild, name, exprId, qualifier);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Object eval(InternalRow input) {
    return child.eval(input);
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public AttributeReference toAttribute() {
    return new AttributeReference(name, child.dataType(), child.nullable(), exprId, qualifier);
  }

  @Override
  public String sql() {
    return child.sql() + " AS " + name;
  }

  @Override
  public String toString() {
    return child + " AS " + name + "#" + exprId;
  }
}
