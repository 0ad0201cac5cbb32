package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;

/**
 * A sort key: an expression, a direction and where NULLs go. Spark's defaults: ascending puts NULLs
 * first, descending puts them last.
 */
public record SortOrder(Expression child, boolean ascending, boolean nullsFirst)
    implements UnaryExpression {

  public static SortOrder asc(Expression e) {
    return new SortOrder(e, true, true);
  }

  public static SortOrder desc(Expression e) {
    return new SortOrder(e, false, false);
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
  public String checkInputTypes() {
    return child.dataType().isOrderable()
        ? null
        : "cannot sort by " + child.sql() + " of type " + child.dataType().simpleString();
  }

  @Override
  public Object eval(InternalRow input) {
    throw new UnsupportedOperationException("a sort order is not evaluated");
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public Expression withChild(Expression c) {
    return new SortOrder(c, ascending, nullsFirst);
  }

  /** Compares two values of the key (either may be null) in this order. */
  public int compare(Object a, Object b) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == nullsFirst ? -1 : 1;
    }
    int c = ValueOrdering.compare(child.dataType(), a, b);
    return ascending ? c : -c;
  }

  @Override
  public String sql() {
    return child.sql()
        + (ascending ? " ASC" : " DESC")
        + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
