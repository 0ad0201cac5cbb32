package dev.weft.sql;

import dev.weft.sql.expr.Count;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import java.util.List;

/**
 * The functions of DataFrame expressions, named as in Spark's {@code functions}: import them
 * statically ({@code import static dev.weft.sql.functions.*;}).
 */
@SuppressWarnings("checkstyle:TypeName") // named as Spark's, which users import statically
public final class functions {
  private functions() {}

  /** The column named {@code name}. */
  public static Column col(String name) {
    return new Column(name);
  }

  /** Same as {@link #col}. */
  public static Column column(String name) {
    return new Column(name);
  }

  /** A literal column of {@code value} (a {@link Column} is returned as it is). */
  public static Column lit(Object value) {
    return value instanceof Column c ? c : new Column(Literal.of(value));
  }

  public static Column not(Column c) {
    return new Column(new Not(c.expr()));
  }

  /** {@code count(c)}: the rows where {@code c} is not NULL; {@code count("*")} counts rows. */
  public static Column count(String columnName) {
    return columnName.equals("*") ? new Column(Count.star()) : count(col(columnName));
  }

  public static Column count(Column c) {
    return new Column(new Count(List.of(c.expr())));
  }
}
