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
import dev.weft.sql.expr.arith.Add;
import dev.weft.sql.expr.arith.Divide;
import dev.weft.sql.expr.arith.Multiply;
import dev.weft.sql.expr.arith.Remainder;
import dev.weft.sql.expr.arith.Subtract;
import dev.weft.sql.expr.arith.UnaryMinus;
import dev.weft.sql.expr.complex.UnresolvedExtractValue;
import dev.weft.sql.expr.cond.CaseWhen;
import dev.weft.sql.expr.cond.In;
import dev.weft.sql.expr.cond.IsNaN;
import dev.weft.sql.expr.string.Like;
import dev.weft.sql.expr.string.RLike;
import dev.weft.sql.expr.string.StringPredicate;
import dev.weft.sql.expr.string.Substring;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
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

  // ==== expression library (branch sql-expr): arithmetic, predicates, strings, CASE, casts ====

  /** {@code this + other}; integral overflow wraps, as in Spark's non-ANSI mode. */
  public Column plus(Object other) {
    return new Column(new Add(expr, toExpr(other)));
  }

  /** {@code this - other}. */
  public Column minus(Object other) {
    return new Column(new Subtract(expr, toExpr(other)));
  }

  /** {@code this * other}. */
  public Column multiply(Object other) {
    return new Column(new Multiply(expr, toExpr(other)));
  }

  /** {@code this / other}: always fractional (double, or decimal for decimals); NULL for x / 0. */
  public Column divide(Object other) {
    return new Column(new Divide(expr, toExpr(other)));
  }

  /** {@code this % other}: the remainder with the sign of {@code this}; NULL for x % 0. */
  public Column mod(Object other) {
    return new Column(new Remainder(expr, toExpr(other)));
  }

  /** {@code -this}. */
  public Column unary_minus() {
    return new Column(new UnaryMinus(expr));
  }

  /** Same as {@link #unary_minus()}. */
  public Column negate() {
    return unary_minus();
  }

  /** {@code this >= lower AND this <= upper}. */
  public Column between(Object lower, Object upper) {
    return geq(lower).and(leq(upper));
  }

  /** {@code this IN (values...)}: NULL when this is NULL, or not found and a value is NULL. */
  public Column isin(Object... values) {
    List<Expression> list = new ArrayList<>(values.length);
    for (Object v : values) {
      list.add(toExpr(v));
    }
    return new Column(new In(expr, list));
  }

  /** Whether this double or float is NaN. */
  public Column isNaN() {
    return new Column(new IsNaN(expr));
  }

  /** SQL {@code LIKE}: {@code _} one character, {@code %} any; {@code \} escapes them. */
  public Column like(String pattern) {
    return new Column(new Like(expr, Literal.of(pattern)));
  }

  /** {@code RLIKE}: whether the Java regular expression matches somewhere in the string. */
  public Column rlike(String regex) {
    return new Column(new RLike(expr, Literal.of(regex)));
  }

  /** {@code substring(this, startPos, len)}, 1-based. */
  public Column substr(int startPos, int len) {
    return new Column(new Substring(expr, Literal.of(startPos), Literal.of(len)));
  }

  /** {@code substring(this, startPos, len)}, 1-based, from columns. */
  public Column substr(Column startPos, Column len) {
    return new Column(new Substring(expr, startPos.expr, len.expr));
  }

  /** Whether the string starts with {@code other}. */
  public Column startsWith(Object other) {
    return new Column(new StringPredicate(expr, toExpr(other), StringPredicate.Kind.STARTS_WITH));
  }

  /** Whether the string ends with {@code other}. */
  public Column endsWith(Object other) {
    return new Column(new StringPredicate(expr, toExpr(other), StringPredicate.Kind.ENDS_WITH));
  }

  /** Whether the string contains {@code other}. */
  public Column contains(Object other) {
    return new Column(new StringPredicate(expr, toExpr(other), StringPredicate.Kind.CONTAINS));
  }

  /**
   * One more {@code WHEN condition THEN value} branch of a column made by {@link functions#when}.
   *
   * @throws IllegalArgumentException on another column, or after {@link #otherwise}
   */
  public Column when(Column condition, Object value) {
    if (!(expr instanceof CaseWhen c)) {
      throw new IllegalArgumentException(
          "when() can only be applied on a Column previously generated by when(); got " + this);
    }
    if (c.elseValue() != null) {
      throw new IllegalArgumentException("when() cannot be applied once otherwise() is applied");
    }
    return new Column(c.withBranch(condition.expr, toExpr(value)));
  }

  /**
   * The {@code ELSE} value of a column made by {@link functions#when}.
   *
   * @throws IllegalArgumentException on another column, or when already given
   */
  public Column otherwise(Object value) {
    if (!(expr instanceof CaseWhen c)) {
      throw new IllegalArgumentException(
          "otherwise() can only be applied on a Column previously generated by when(); got "
              + this);
    }
    if (c.elseValue() != null) {
      throw new IllegalArgumentException("otherwise() can only be applied once on a Column");
    }
    return new Column(c.withElse(toExpr(value)));
  }

  /** {@code CAST(this AS typeName)}, the type as Spark names it: {@code "decimal(12,2)"}. */
  public Column cast(String typeName) {
    return cast(DataType.fromDDL(typeName));
  }

  /** The element at a 0-based index of an array, or the value of a key of a map. */
  public Column getItem(Object key) {
    return new Column(new UnresolvedExtractValue(expr, toExpr(key)));
  }

  /**
   * {@code this[extraction]}, Spark's {@code col("m")("key")}: a struct's field by name, an array's
   * element by 0-based index, or a map's value by key.
   */
  public Column apply(Object extraction) {
    return new Column(new UnresolvedExtractValue(expr, toExpr(extraction)));
  }

  /** The field named {@code fieldName} of a struct. */
  public Column getField(String fieldName) {
    return new Column(new UnresolvedExtractValue(expr, Literal.of(fieldName)));
  }

  // ==== end of the expression library block ====

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
