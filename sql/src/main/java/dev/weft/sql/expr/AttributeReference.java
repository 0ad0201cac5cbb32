package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * A resolved reference to a column that a plan node outputs. Two references are the same column
 * when their {@link #exprId}s are equal, whatever their names; {@code qualifier} is the relation
 * alias or table name the column can be named by ({@code c.name}).
 */
public record AttributeReference(
    String name, DataType dataType, boolean nullable, long exprId, List<String> qualifier)
    implements NamedExpression, LeafExpression {

  public AttributeReference {
    qualifier = List.copyOf(qualifier);
  }

  /** A new column with a fresh identity. */
  public static AttributeReference create(String name, DataType type, boolean nullable) {
    return new AttributeReference(name, type, nullable, ExprIds.next(), List.of());
  }

  public AttributeReference withQualifier(List<String> qualifier) {
    return new AttributeReference(name, dataType, nullable, exprId, qualifier);
  }

  public AttributeReference withName(String newName) {
    return new AttributeReference(newName, dataType, nullable, exprId, qualifier);
  }

  public AttributeReference withNullability(boolean newNullable) {
    return new AttributeReference(name, dataType, newNullable, exprId, qualifier);
  }

  /** The same column under a new identity (for self-joins, where both sides must differ). */
  public AttributeReference newInstance() {
    return new AttributeReference(name, dataType, nullable, ExprIds.next(), qualifier);
  }

  @Override
  public AttributeReference toAttribute() {
    return this;
  }

  @Override
  public Object eval(InternalRow input) {
    throw new IllegalStateException(
        "Column " + name + "#" + exprId + " was not bound to an input ordinal before evaluation");
  }

  @Override
  public boolean foldable() {
    return false;
  }

  /** Whether this column can be named {@code name} (case-insensitively, as Spark's default). */
  public boolean matches(String other) {
    return name.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
  }

  @Override
  public String sql() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeReference a && a.exprId == exprId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(exprId);
  }

  /** {@code name#id}, as plans show columns. */
  @Override
  public String toString() {
    return name + "#" + exprId;
  }
}
