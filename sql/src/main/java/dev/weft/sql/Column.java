package dev.weft.sql;

import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.And;
import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.EqualNullSafe;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.GreaterThanOrEqual;
import dev.weft.sql.expr.IsNotNull;
import dev.weft.sql.expr.IsNull;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.LessThanOrEqual;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.expr.UnresolvedAttribute;
import dev.weft.sql.expr.UnresolvedStar;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * A column expression of a DataFrame, as in Spark: {@code col("age").gt(21)}, {@code
 * col("price").multiply(col("qty")).as("total")}. Columns are immutable; every method returns a new
 * one. Values that are not columns are taken as literals ({@code col("a").gt(1)}).
 */
public final class Column implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Expression expr;

  /** The column named {@code name}; {@code "*"} is every column, {@code "t.*"} those of t. */
  public Column(String name) {
    this(parseName(name));
  }

  Column(Expression expr) {
    this.expr = expr;
  }

  private static Expression parseName(String name) {
    if (name.equals("*")) {
      return new UnresolvedStar(List.of());
    }
    if (name.endsWith(".*")) {
      return new UnresolvedStar(
          dev.weft.sql.expr.NameParts.parse(name.substring(0, name.length() - 2)));
    }
    return UnresolvedAttribute.quoted(name);
  }

  /** The expression (internal). */
  Expression expr() {
    return expr;
  }

  /** A column or a literal of {@code v}. */
  static Expression toExpr(Object v) {
    return v instanceof Column c ? c.expr : Literal.of(v);
  }

  // ---- naming ----

  /** This column under another name. */
  public Column as(String alias) {
    return new Column(new Alias(expr, alias));
  }

  /** Same as {@link #as(String)}. */
  public Column alias(String alias) {
    return as(alias);
  }

  /** Same as {@link #as(String)}. */
  public Column name(String alias) {
    return as(alias);
  }

  // ---- comparison ----

  public Column equalTo(Object other) {
    return new Column(new EqualTo(expr, toExpr(other)));
  }

  public Column notEqual(Object other) {
    return new Column(new Not(new EqualTo(expr, toExpr(other))));
  }

  /** Null-safe equality ({@code <=>}): true when both are NULL. */
  public Column eqNullSafe(Object other) {
    return new Column(new EqualNullSafe(expr, toExpr(other)));
  }

  public Column gt(Object other) {
    return new Column(new GreaterThan(expr, toExpr(other)));
  }

  public Column geq(Object other) {
    return new Column(new GreaterThanOrEqual(expr, toExpr(other)));
  }

  public Column lt(Object other) {
    return new Column(new LessThan(expr, toExpr(other)));
  }

  public Column leq(Object other) {
    return new Column(new LessThanOrEqual(expr, toExpr(other)));
  }

  // ---- logic and nulls ----

  public Column and(Column other) {
    return new Column(new And(expr, other.expr));
  }

  public Column or(Column other) {
    return new Column(new Or(expr, other.expr));
  }

  public Column isNull() {
    return new Column(new IsNull(expr));
  }

  public Column isNotNull() {
    return new Column(new IsNotNull(expr));
  }

  // ---- types ----

  /** {@code CAST(this AS type)}; values that do not convert become NULL, as in Spark. */
  public Column cast(DataType type) {
    return new Column(new Cast(expr, type));
  }

  // ---- sort order ----

  /** Ascending, NULLs first (Spark's default). */
  public Column asc() {
    return new Column(new SortOrder(expr, true, true));
  }

  public Column asc_nulls_first() {
    return new Column(new SortOrder(expr, true, true));
  }

  public Column asc_nulls_last() {
    return new Column(new SortOrder(expr, true, false));
  }

  /** Descending, NULLs last (Spark's default). */
  public Column desc() {
    return new Column(new SortOrder(expr, false, false));
  }

  public Column desc_nulls_first() {
    return new Column(new SortOrder(expr, false, true));
  }

  public Column desc_nulls_last() {
    return new Column(new SortOrder(expr, false, false));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c && c.expr.equals(expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }

  /** The expression as SQL text. */
  @Override
  public String toString() {
    return expr.sql();
  }
}
