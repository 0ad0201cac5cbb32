package dev.weft.sql.expr.complex;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.types.ArrayType;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.MapType;
import dev.weft.sql.types.StructType;
import java.util.List;

/**
 * {@code child[extraction]} before the child's type is known ({@code col("s").getField("f")},
 * {@code col("a").getItem(0)}): the analyzer replaces it, once the child is resolved, with {@link
 * #resolve}.
 */
public record UnresolvedExtractValue(Expression left, Expression right)
    implements BinaryExpression {

  @Override
  public boolean resolved() {
    return false;
  }

  @Override
  public DataType dataType() {
    throw new IllegalStateException("unresolved " + sql());
  }

  @Override
  public boolean nullable() {
    throw new IllegalStateException("unresolved " + sql());
  }

  @Override
  public Object eval(InternalRow input) {
    throw new IllegalStateException("unresolved " + sql());
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public Expression withChildren(Expression l, Expression r) {
    return new UnresolvedExtractValue(l, r);
  }

  @Override
  public String sql() {
    return left.sql() + "[" + right.sql() + "]";
  }

  /**
   * The extraction for a resolved child: a struct's field by name (exact case first, then ignoring
   * case), an array's element by 0-based index, a map's value by key.
   *
   * @throws IllegalArgumentException in one line, naming the child, its type and the extraction
   */
  public static Expression resolve(Expression child, Expression extraction) {
    DataType t = child.dataType();
    if (t instanceof StructType s) {
      if (!(extraction instanceof Literal l) || !(l.value() instanceof String name)) {
        throw new IllegalArgumentException(
            "a field of struct " + child.sql() + " is named by a string, not " + extraction.sql());
      }
      int i = s.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException(
            "No field '" + name + "' in " + child.sql() + " of type " + t.simpleString());
      }
      return new GetStructField(child, i, s.field(i).name());
    }
    if (t instanceof ArrayType) {
      return new GetArrayItem(child, extraction);
    }
    if (t instanceof MapType) {
      return new GetMapValue(child, extraction);
    }
    throw new IllegalArgumentException(
        "Cannot extract "
            + extraction.sql()
            + " from "
            + child.sql()
            + " of type "
            + t.simpleString()
            + " (a struct, array or map is needed)");
  }

  /** The nested fields {@code names} of a resolved struct ({@code s.a.b}), one after another. */
  public static Expression resolveFields(Expression child, List<String> names) {
    Expression e = child;
    for (String n : names) {
      e = resolve(e, Literal.of(n));
    }
    return e;
  }
}
