package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;

/**
 * A column named by the user ({@code col("c.name")}), not yet bound to a plan's output. {@code
 * nameParts} are the dot-separated parts (qualifier, name, struct fields); backquotes keep dots.
 */
public record UnresolvedAttribute(List<String> nameParts) implements LeafExpression {

  public UnresolvedAttribute {
    nameParts = List.copyOf(nameParts);
  }

  /** Parses {@code a.b} and {@code `a.b`.c} into parts. */
  public static UnresolvedAttribute quoted(String name) {
    return new UnresolvedAttribute(NameParts.parse(name));
  }

  public String name() {
    return String.join(".", nameParts);
  }

  @Override
  public boolean resolved() {
    return false;
  }

  @Override
  public DataType dataType() {
    throw new IllegalStateException("unresolved column " + name());
  }

  @Override
  public boolean nullable() {
    throw new IllegalStateException("unresolved column " + name());
  }

  @Override
  public Object eval(InternalRow input) {
    throw new IllegalStateException("unresolved column " + name());
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    return name();
  }

  @Override
  public String toString() {
    return "'" + name();
  }
}
